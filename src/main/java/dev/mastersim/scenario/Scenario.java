package dev.mastersim.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validated scenario file: everything the model and the experiments read. All durations are seconds,
 * rates per second, percentages fractions.
 *
 * @param source the file name as given to the loader
 * @param tables insertion ordered, unmodifiable
 * @param options re-architecture arm name to its overrides (dotted key to raw value), insertion ordered
 * @param cost the monthly prices of {@code cost:}, or null when the file has none
 * @param faults fault events inside one run, in the file's order (empty: none)
 */
public record Scenario(
        String name,
        String description,
        String source,
        Traffic traffic,
        Map<String, Table> tables,
        List<RequestType> requests,
        Master master,
        Concurrency concurrency,
        Replicas replicas,
        App app,
        Cache cache,
        WriteQueue writeQueue,
        Retries retries,
        Slo slo,
        RunSpec run,
        ForecastSpec forecast,
        Map<String, Map<String, String>> options,
        Cost cost,
        List<Fault> faults) {

    /** A scenario without prices and faults. */
    public Scenario(
            String name,
            String description,
            String source,
            Traffic traffic,
            Map<String, Table> tables,
            List<RequestType> requests,
            Master master,
            Concurrency concurrency,
            Replicas replicas,
            App app,
            Cache cache,
            WriteQueue writeQueue,
            Retries retries,
            Slo slo,
            RunSpec run,
            ForecastSpec forecast,
            Map<String, Map<String, String>> options) {
        this(
                name,
                description,
                source,
                traffic,
                tables,
                requests,
                master,
                concurrency,
                replicas,
                app,
                cache,
                writeQueue,
                retries,
                slo,
                run,
                forecast,
                options,
                null,
                List.of());
    }

    public Scenario {
        Objects.requireNonNull(traffic, "traffic");
        tables = Collections2.orderedCopy(tables);
        requests = List.copyOf(requests);
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(writeQueue, "writeQueue");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(forecast, "forecast");
        var opts = new java.util.LinkedHashMap<String, Map<String, String>>();
        options.forEach((arm, sets) -> opts.put(arm, Collections2.orderedCopy(sets)));
        options = java.util.Collections.unmodifiableMap(opts);
        faults = List.copyOf(faults);
    }

    /** This scenario with {@code faults} instead of its own. */
    public Scenario withFaults(List<Fault> faults) {
        return new Scenario(
                name,
                description,
                source,
                traffic,
                tables,
                requests,
                master,
                concurrency,
                replicas,
                app,
                cache,
                writeQueue,
                retries,
                slo,
                run,
                forecast,
                options,
                cost,
                faults);
    }

    /** The request type with this name, or null. */
    public RequestType request(String requestName) {
        for (RequestType r : requests) {
            if (r.name().equals(requestName)) {
                return r;
            }
        }
        return null;
    }

    /** The table with this name, or null. */
    public Table table(String tableName) {
        return tables.get(tableName);
    }
}
