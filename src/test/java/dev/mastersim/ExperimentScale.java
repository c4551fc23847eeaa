package dev.mastersim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that runs whole experiments (many replications, forecasts, comparisons, fuzz
 * corpora) and takes seconds to minutes. {@code ./mvnw -B verify} runs them with every other test;
 * {@code ./mvnw -B test -DexcludedGroups=experiment} leaves them out, for a quick loop over the
 * per-mechanism tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("experiment")
public @interface ExperimentScale {}
