package dev.mastersim.engine;

/**
 * An M/M/1 queue written the way models use the engine: one handler, event types as int
 * constants, the number in system as the only state, the next event scheduled by the handler.
 */
final class MM1 implements EventHandler {
    static final int ARRIVAL = 0;
    static final int DEPARTURE = 1;

    private final Simulation sim;
    private final DoubleSampler interarrival;
    private final DoubleSampler service;
    private final TimeWeighted inSystem = new TimeWeighted();
    private int queue;
    private long departures;

    MM1(Simulation sim, RandomStreams streams, double lambda, double mu) {
        this.sim = sim;
        this.interarrival = Samplers.exponential(streams.stream(0), 1 / lambda);
        this.service = Samplers.exponential(streams.stream(1), 1 / mu);
        sim.schedule(interarrival.sample(), this, ARRIVAL, 0);
    }

    @Override
    public void handle(int type, long arg) {
        if (type == ARRIVAL) {
            arrive();
        } else {
            depart();
        }
    }

    private void arrive() {
        // next arrival, then start service if the server was idle
        sim.schedule(interarrival.sample(), this, ARRIVAL, 0);
        if (queue++ == 0) {
            sim.schedule(service.sample(), this, DEPARTURE, 0);
        }
        inSystem.set(sim.now(), queue);
    }

    private void depart() {
        // one leaves; the next in line starts service
        departures++;
        if (--queue > 0) {
            sim.schedule(service.sample(), this, DEPARTURE, 0);
        }
        inSystem.set(sim.now(), queue);
    }

    long departures() {
        return departures;
    }

    double meanInSystem() {
        return inSystem.mean(sim.now());
    }
}
