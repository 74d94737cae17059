package io.volsurf.strategy.config;

/** What happens to a deep in-the-money American option whose time value has vanished. */
public enum EarlyExercise {
    /** Keep the position and flag it in the snapshot and the summary. */
    FLAG,
    /** Exercise longs (and take assignment on shorts) at intrinsic value, cash settled. */
    EXERCISE
}
