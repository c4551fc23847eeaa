package dev.mastersim.experiment;

import dev.mastersim.engine.Measurements;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;

/**
 * One replication of a scenario with faults: the figures of the time outside the faults' windows
 * (each window from a fault's start until it has recovered), combined as one window would have
 * measured them ({@link WindowCombiner}), so the verdict judges that time; then each fault's own
 * figures (the {@code faults} section), which cover its window.
 */
final class FaultedRun {
    private FaultedRun() {}

    static Measurements measure(Scenario scenario, DeploymentModel model) {
        WindowCombiner judged = new WindowCombiner(
                scenario.requests().stream().map(RequestType::name).toList());
        model.runJudged(judged::add);
        Measurements m = judged.result();
        Measurements faults = model.faultFigures();
        faults.asMap().forEach((path, value) -> m.putAt(faults.metric(path), value, path));
        return m;
    }
}
