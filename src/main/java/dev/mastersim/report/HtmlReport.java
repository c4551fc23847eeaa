package dev.mastersim.report;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page per command: a title, the verdict in a sentence, the charts inlined
 * as SVG, the tables, and the scenario text. The page loads nothing: no scripts, fonts, styles or
 * images from anywhere else, and its Content-Security-Policy forbids them, so it reads the same
 * offline, attached to a ticket, or years later.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /**
     * The scenario as the reader should see it.
     *
     * @param file the scenario file's name as given on the command line
     * @param text the file's text, shown verbatim (escaped)
     * @param overrides the {@code --set K=V} overrides applied on top of it
     */
    public record Source(String file, String text, List<String> overrides) {
        public Source {
            overrides = List.copyOf(overrides);
        }
    }

    public static String forecast(ForecastResult f, List<Charts.Drawing> charts, Source source) {
        Page p = new Page("Forecast: " + f.scenario(), PlanReport.forecastSentence(f));
        String headroom = PlanReport.headroomSentence(f);
        if (!headroom.isEmpty()) {
            p.para(headroom);
        }
        p.charts(charts);
        p.h2("Months evaluated");
        p.table(
                new String[] {"month", "rate/s", "p99 ms", "± ci95", "mean ms", "verdict", "bottleneck / reason"},
                f.months().stream()
                        .map(m -> {
                            RunResult r = m.result();
                            Figure p99 = r.figure(FigureNames.response("p99"));
                            return new String[] {
                                m.month().toString(),
                                TableReport.fmt(m.rate()),
                                p99 == null ? "-" : Numbers.mean(p99.mean(), p99.ci95()),
                                p99 == null ? "-" : Numbers.interval(p99.mean(), p99.ci95()),
                                TableReport.fmt(r.mean(FigureNames.response("mean"))),
                                verdict(r),
                                m.saturated()
                                        ? r.verdict().reason()
                                        : r.verdict().bottleneck()
                            };
                        })
                        .toList());
        return p.end(source);
    }

    public static String compare(List<Arm> arms, List<Charts.Drawing> charts, Source source) {
        Page p = new Page("Compare: " + scenario(arms), PlanReport.compareSentence(arms));
        p.charts(charts);
        p.h2("Options");
        boolean priced = PlanReport.priced(arms);
        List<String> header = new ArrayList<>(List.of("option", "saturates", "months bought", "capacity/s"));
        if (priced) {
            header.addAll(List.of("cost/month", "months per 1,000"));
        }
        header.addAll(List.of("bottleneck", "next bottleneck", "reason"));
        p.table(
                header.toArray(String[]::new),
                arms.stream()
                        .map(a -> {
                            List<String> row = new ArrayList<>(List.of(
                                    a.name(),
                                    PlanReport.saturates(a),
                                    PlanReport.bought(a),
                                    Numbers.value(a.capacity().capacity())));
                            if (priced) {
                                row.add(PlanReport.cost(a));
                                row.add(PlanReport.per1000(a, arms.get(0)));
                            }
                            row.add(a.bottleneck());
                            row.add(a.nextBottleneck().isEmpty() ? Numbers.NONE : a.nextBottleneck());
                            row.add(a.reason());
                            return row.toArray(String[]::new);
                        })
                        .toList());
        String note = PlanReport.derivedNote(arms);
        if (!note.isEmpty()) {
            p.para(note);
        }
        return p.end(source);
    }

    public static String sweep(String param, List<SweepPoint> points, List<Charts.Drawing> charts, Source source) {
        String name = points.isEmpty() ? "" : points.get(0).result().scenario();
        Page p = new Page("Sweep of " + param + ": " + name, PlanReport.sweepSentence(param, points));
        p.charts(charts);
        p.h2("Points");
        p.table(
                new String[] {param, "throughput/s", "p99 ms", "± ci95", "errors", "verdict", "bottleneck"},
                points.stream()
                        .map(pt -> {
                            RunResult r = pt.result();
                            Figure p99 = r.figure(FigureNames.response("p99"));
                            return new String[] {
                                pt.value(),
                                TableReport.fmt(r.mean(FigureNames.THROUGHPUT)),
                                p99 == null ? "-" : Numbers.mean(p99.mean(), p99.ci95()),
                                p99 == null ? "-" : Numbers.interval(p99.mean(), p99.ci95()),
                                TableReport.fmt(r.mean(FigureNames.ERROR_RATE)),
                                verdict(r),
                                r.verdict().bottleneck()
                            };
                        })
                        .toList());
        return p.end(source);
    }

    public static String capacity(CapacityResult c, List<Charts.Drawing> charts, Source source) {
        String sentence = PlanReport.capacitySentence(c);
        if (!c.limit().reason().isEmpty()) {
            sentence += " Above it: " + c.limit().reason() + "; bottleneck "
                    + c.limit().bottleneck() + ".";
        }
        Page p = new Page("Capacity: " + c.scenario(), sentence);
        p.charts(charts);
        boolean users = c.closedPopulation(); // a closed population's runs offer no rate: its levels are users
        p.h2(users ? "Populations tried" : "Rates tried");
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < c.points().size(); i++) {
            RunResult r = c.points().get(i);
            rows.add(new String[] {
                TableReport.fmt(c.levels().get(i)),
                verdict(r),
                r.verdict().saturated() ? r.verdict().reason() : r.verdict().bottleneck()
            });
        }
        p.table(new String[] {users ? "users" : "rate/s", "verdict", "bottleneck / reason"}, rows);
        return p.end(source);
    }

    public static String run(RunResult r, List<Charts.Drawing> charts, Source source) {
        Page p = new Page("Run: " + r.scenario(), TableReport.verdictSentence(r));
        p.para(String.format(
                Locale.ROOT,
                "%s requests/s, %d replications, seed %d.",
                TableReport.fmt(r.rate()),
                r.replications(),
                r.seed()));
        p.charts(charts);
        p.h2("Figures");
        p.table(
                new String[] {"section", "name", "metric", "mean", "± ci95"},
                r.figures().entrySet().stream()
                        .filter(e -> !e.getKey().get(0).equals("run") && !FigureNames.isTimeline(e.getKey()))
                        .map(HtmlReport::figureRow)
                        .toList());
        return p.end(source);
    }

    public static String day(DayResult d, List<Charts.Drawing> charts, Source source) {
        RunResult day = d.day();
        Page p = new Page("A day: " + day.scenario() + ", " + d.month(), DayReport.sentence(d));
        p.para(String.format(
                Locale.ROOT,
                "24 hours, %d replications, seed %d; %s %s on average.",
                day.replications(),
                day.seed(),
                TableReport.fmt(day.rate()),
                d.closedPopulation() ? "users logged in" : "requests/s offered"));
        List<FaultWindows.Window> windows = FaultWindows.of(day);
        for (FaultWindows.Window w : windows) {
            p.para(DayReport.faultLine(day, w));
        }
        if (!windows.isEmpty()) {
            p.para("Each hour's figures and verdict judge its time outside the faults' windows (each from its start"
                    + " until it has recovered).");
        }
        p.charts(charts);
        p.h2("Hours");
        List<String[]> rows = new ArrayList<>();
        for (int h = 0; h < d.hours().size(); h++) {
            RunResult r = d.hours().get(h);
            Figure p99 = r.figure(FigureNames.response("p99"));
            String busiest = DayReport.busiest(r);
            rows.add(new String[] {
                String.format(Locale.ROOT, "%02d:00", h),
                TableReport.fmt(r.rate()),
                TableReport.fmt(r.mean(FigureNames.THROUGHPUT)),
                TableReport.fmt(r.mean(FigureNames.response("p50"))),
                p99 == null ? "-" : Numbers.mean(p99.mean(), p99.ci95()),
                p99 == null ? "-" : Numbers.interval(p99.mean(), p99.ci95()),
                TableReport.fmt(r.mean(FigureNames.ERROR_RATE) * 100),
                busiest == null ? "-" : busiest,
                busiest == null ? "-" : DayReport.index(r, busiest),
                DayReport.word(d, h),
                DayReport.reason(d, h)
            });
        }
        p.table(
                new String[] {
                    "hour",
                    d.closedPopulation() ? "users" : "rate/s",
                    "throughput/s",
                    "p50 ms",
                    "p99 ms",
                    "± ci95",
                    "errors %",
                    "highest load index",
                    "index",
                    "verdict",
                    "bottleneck / reason"
                },
                rows);
        p.h2("The whole day");
        p.table(
                new String[] {"section", "name", "metric", "mean", "± ci95"},
                day.figures().entrySet().stream()
                        .filter(e -> !e.getKey().get(0).equals("run") && !FigureNames.isTimeline(e.getKey()))
                        .map(HtmlReport::figureRow)
                        .toList());
        return p.end(source);
    }

    /** Text with the five characters HTML gives meaning to replaced by their entities. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * An SVG document made fit to inline: without its XML prolog and DOCTYPE (whose DTD address
     * would be the page's only outside reference), without the unused xlink namespace, and with
     * its element ids prefixed so two charts on one page cannot share a clip path.
     */
    static String inlineSvg(String svg, String idPrefix) {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document");
        }
        String s = svg.substring(start).strip();
        if (!s.contains("xlink:href")) {
            s = s.replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "");
        }
        return s.replace("id=\"", "id=\"" + idPrefix + "-").replace("url(#", "url(#" + idPrefix + "-");
    }

    private static String[] figureRow(Map.Entry<List<String>, Figure> e) {
        List<String> path = e.getKey();
        boolean nested = path.size() > 2;
        Figure f = e.getValue();
        boolean percent = FigureNames.isUtilisation(path);
        double scale = percent ? 100 : 1;
        return new String[] {
            path.get(0),
            nested ? path.get(1) : "",
            String.join(".", path.subList(nested ? 2 : 1, path.size())) + (percent ? " (%)" : ""),
            Numbers.mean(f.mean() * scale, f.ci95() * scale),
            Numbers.interval(f.mean() * scale, f.ci95() * scale)
        };
    }

    private static String verdict(RunResult r) {
        return PlanReport.word(r.verdict());
    }

    private static String scenario(List<Arm> arms) {
        return arms.isEmpty() ? "" : arms.get(0).forecast().scenario();
    }

    private static final String STYLE =
            """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
                   color: #1b1b1b; background: #fff; margin: 0; }
            main { max-width: 960px; margin: 0 auto; padding: 24px; }
            h1 { font-size: 26px; margin: 0 0 8px; }
            h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .verdict { font-size: 17px; padding: 10px 14px; border-left: 4px solid #c62828; background: #fbf3f3; }
            figure { margin: 16px 0; }
            figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: 13px; color: #555; margin-top: 4px; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 14px; }
            th, td { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; }
            td.n { text-align: right; }
            th { background: #f4f4f4; }
            pre { background: #f7f7f7; padding: 12px; overflow-x: auto; font-size: 13px; }
            footer { color: #777; font-size: 12px; margin-top: 32px; }
            """;

    /** A page being written: head and verdict first, then sections, then the scenario. */
    private static final class Page {
        private final StringBuilder b = new StringBuilder();

        Page(String title, String sentence) {
            b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                    .append("style-src 'unsafe-inline'; img-src data:\">\n");
            b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            b.append("<meta name=\"generator\" content=\"mastersim\">\n");
            b.append("<title>mastersim — ").append(escape(title)).append("</title>\n");
            b.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
            b.append("<h1>").append(escape(title)).append("</h1>\n");
            b.append("<p class=\"verdict\">").append(escape(sentence)).append("</p>\n");
        }

        void h2(String text) {
            b.append("<h2>").append(escape(text)).append("</h2>\n");
        }

        void para(String text) {
            b.append("<p>").append(escape(text)).append("</p>\n");
        }

        void charts(List<Charts.Drawing> charts) {
            if (charts.isEmpty()) {
                return;
            }
            h2("Charts");
            for (Charts.Drawing d : charts) {
                b.append("<figure id=\"").append(escape(d.name())).append("\">\n");
                b.append(inlineSvg(d.svg(), d.name())).append('\n');
                b.append("<figcaption>")
                        .append(escape(d.title()))
                        .append(" (also ")
                        .append(escape(d.name()))
                        .append(".png and .svg)</figcaption>\n</figure>\n");
            }
        }

        void table(String[] header, List<String[]> rows) {
            b.append("<table>\n<thead><tr>");
            for (String h : header) {
                b.append("<th>").append(escape(h)).append("</th>");
            }
            b.append("</tr></thead>\n<tbody>\n");
            for (String[] row : rows) {
                b.append("<tr>");
                for (String cell : row) {
                    b.append(numeric(cell) ? "<td class=\"n\">" : "<td>")
                            .append(escape(cell))
                            .append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }

        String end(Source source) {
            h2("Scenario");
            b.append("<p>File <code>").append(escape(source.file())).append("</code>");
            if (!source.overrides().isEmpty()) {
                b.append(", with overrides ");
                for (int i = 0; i < source.overrides().size(); i++) {
                    b.append(i == 0 ? "" : ", ")
                            .append("<code>")
                            .append(escape(source.overrides().get(i)))
                            .append("</code>");
                }
            }
            b.append(".</p>\n<pre>").append(escape(source.text())).append("</pre>\n");
            b.append("<footer>Written by mastersim.</footer>\n</main>\n</body>\n</html>\n");
            return b.toString();
        }

        private static boolean numeric(String s) {
            return !s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || "-.,e+≥ ".indexOf(c) >= 0);
        }
    }
}
