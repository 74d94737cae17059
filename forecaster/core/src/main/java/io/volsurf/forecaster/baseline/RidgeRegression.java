package io.volsurf.forecaster.baseline;

/** Ridge least squares {@code (X'X + lambda I) beta = X'y} accumulated row by row; the intercept (column 0) is not penalised. */
final class RidgeRegression {

    private final int dim;
    private final double[][] xtx;
    private final double[] xty;
    private long rows;

    RidgeRegression(int dim) {
        this.dim = dim;
        this.xtx = new double[dim][dim];
        this.xty = new double[dim];
    }

    void add(double[] x, double y) {
        for (int i = 0; i < dim; i++) {
            xty[i] += x[i] * y;
            for (int j = 0; j < dim; j++) {
                xtx[i][j] += x[i] * x[j];
            }
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Solves by Gaussian elimination with partial pivoting; zeros when there is no data. */
    double[] solve(double lambda) {
        if (rows == 0) {
            return new double[dim];
        }
        double[][] a = new double[dim][dim + 1];
        for (int i = 0; i < dim; i++) {
            System.arraycopy(xtx[i], 0, a[i], 0, dim);
            a[i][i] += i == 0 ? 1e-9 : lambda;
            a[i][dim] = xty[i];
        }
        for (int col = 0; col < dim; col++) {
            int pivot = col;
            for (int r = col + 1; r < dim; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            if (Math.abs(a[col][col]) < 1e-300) {
                continue;
            }
            for (int r = 0; r < dim; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= dim; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] beta = new double[dim];
        for (int i = 0; i < dim; i++) {
            beta[i] = Math.abs(a[i][i]) < 1e-300 ? 0 : a[i][dim] / a[i][i];
        }
        return beta;
    }
}
