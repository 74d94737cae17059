package io.volsurf.forecaster.model;

/** Positions of the arrays in the network's input list (see {@link SurfaceForecastNet}). */
public final class ModelInputs {

    public static final int VALUES = 0;
    public static final int MASK = 1;
    public static final int COORDS = 2;
    public static final int FEATURES = 3;
    public static final int CONTEXT = 4;
    public static final int GAP = 5;
    public static final int BASE = 6;
    public static final int SCALE = 7;
    public static final int SVI_START = 8;
    public static final int K = 9;
    public static final int GRID_WEIGHT = 10;
    public static final int COUNT = 11;

    /** Positions of the outputs. */
    public static final int OUT_W = 0;
    public static final int OUT_SVI = 1;
    public static final int OUT_W_SVI = 2;
    public static final int OUT_W_GRID = 3;
    public static final int OUT_SVI_DELTA = 4;
    public static final int OUT_GRID_DELTA = 5;

    private ModelInputs() {
    }
}
