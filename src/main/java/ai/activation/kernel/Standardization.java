package ai.activation.kernel;

/**
 * standardize along an axis, as jax-ml/jax {@code jax/_src/nn/functions.py}
 * ({@code standardize(x, axis=-1, epsilon=1e-5)}): (x − mean)/√(var + epsilon), with the
 * mean and the variance of the lane.
 *
 * <p>
 * JAX takes var = mean(x²) − mean², which cancels when the mean is large against the
 * spread (its comment says so); here the mean is a compensated double-double, the
 * deviations d_k = x_k − mean are double-doubles, and var = mean(d²) is summed in
 * double-double: two passes, no cancellation. A lane whose magnitude exceeds 2^500 is
 * scaled by a power of two first, epsilon with it, so that d² cannot overflow; one below
 * 2^−500 is scaled up where epsilon &lt; 2^−1000, the only case where a flushed d² could
 * matter against it. Within 2 ulp. With epsilon = 0 a constant lane is 0/0: a 422.
 *
 * <p>
 * On a contiguous lane (the last axis) with the Vector API, the value takes two vector
 * passes instead ({@code VectorKernels.standardize}: the corrected two-pass algorithm of
 * Chan, Golub and LeVeque, 1983, about the lane's first element, with compensated sums in
 * double-double), within the same bound; the scaled, non-finite and constant lanes stay
 * on the scalar path, as does the vector-Jacobian product.
 *
 * <p>
 * The vector-Jacobian product is (1/s)(g_k − mean(g) − y_k·mean(g·y)), s = √(var +
 * epsilon), y the value. It is summed as (1/s)(r_k + c·d_k·epsilon/(var + epsilon)), c =
 * ⟨g, d⟩/⟨d, d⟩, r = g − mean(g) − c·d the part of g off span{1, d} (none for a lane of
 * two), in double-double: the two terms that cancel in the textbook form (where var ≫
 * epsilon, y_k·mean(g·y) is nearly the d-component of g) are never subtracted. Within 4
 * ulp, except where the true product is a structural near-zero (the outlier of a lane
 * like [a, c, c, c], whose row of the Jacobian vanishes as epsilon/var → 0): there within
 * 2^−90 of the lane's largest component, absolute.
 */
public final class Standardization {

	private Standardization() {
	}

	/**
	 * Returns standardize along an axis.
	 * @param epsilon the non-negative term added to the variance
	 * @return the function
	 */
	public static AxisFunction standardize(double epsilon) {
		return new AxisFunction() {
			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				int n = lanes.length();
				int stride = lanes.inner();
				double[] dh = null;
				double[] dl = null;
				double[] s = new double[6];
				double[] t = new double[2];
				boolean vector = Simd.AVAILABLE && stride == 1;
				for (int lane = 0; lane < lanes.count(); lane++) {
					int start = lanes.start(lane);
					if (vector && VectorKernels.standardize(in, start, n, epsilon, out)) {
						continue;
					}
					if (dh == null) {
						dh = new double[n];
						dl = new double[n];
					}
					moments(in, start, stride, n, epsilon, true, dh, dl, s);
					for (int k = 0; k < n; k++) {
						quotient(dh[k], dl[k], s[0], s[1], t);
						out[start + k * stride] = t[0] + t[1];
					}
				}
				return 0;
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				int n = lanes.length();
				int stride = lanes.inner();
				double[] dh = new double[n];
				double[] dl = new double[n];
				double[] s = new double[6];
				double[] t = new double[2];
				double[] u = new double[2];
				for (int lane = 0; lane < lanes.count(); lane++) {
					int start = lanes.start(lane);
					moments(in, start, stride, n, epsilon, false, dh, dl, s);
					// mean(g), <g, d> and <d, d>, in double-double
					double gh = 0;
					double gl = 0;
					double ph = 0;
					double pl = 0;
					double qh = 0;
					double ql = 0;
					for (int k = 0; k < n; k++) {
						double g = grad[start + k * stride];
						DoubleDouble.add(gh, gl, g, 0.0, u);
						gh = u[0];
						gl = u[1];
						DoubleDouble.mul(g, 0.0, dh[k], dl[k], t);
						DoubleDouble.add(ph, pl, t[0], t[1], u);
						ph = u[0];
						pl = u[1];
						DoubleDouble.mul(dh[k], dl[k], dh[k], dl[k], t);
						DoubleDouble.add(qh, ql, t[0], t[1], u);
						qh = u[0];
						ql = u[1];
					}
					DoubleDouble.div(gh, gl, n, 0.0, u);
					gh = u[0];
					gl = u[1];
					// c = <g, d>/<d, d>, and the share epsilon/(var + epsilon) of the
					// d-component that survives
					double ch = 0;
					double cl = 0;
					double vh = 0;
					double vl = 0;
					if (qh != 0) {
						DoubleDouble.div(ph, pl, qh, ql, u);
						ch = u[0];
						cl = u[1];
						// epsilon/(var + epsilon) in double-double: the term it scales
						// can be far larger than the product
						DoubleDouble.div(s[3], 0.0, s[4], s[5], u);
						vh = u[0];
						vl = u[1];
					}
					for (int k = 0; k < n; k++) {
						// the part of g − mean(g) off span{1, d}: none in two dimensions
						// where d is not 0
						double rh = 0;
						double rl = 0;
						if (n != 2 || qh == 0) {
							DoubleDouble.mul(ch, cl, dh[k], dl[k], t);
							DoubleDouble.add(grad[start + k * stride], 0.0, -t[0], -t[1], u);
							DoubleDouble.add(u[0], u[1], -gh, -gl, u);
							rh = u[0];
							rl = u[1];
						}
						DoubleDouble.mul(ch, cl, dh[k], dl[k], t);
						DoubleDouble.mul(t[0], t[1], vh, vl, t);
						DoubleDouble.add(rh, rl, t[0], t[1], t);
						quotient(t[0], t[1], s[0], s[1], u);
						out[start + k * stride] = Math.scalb(u[0] + u[1], (int) s[2]);
					}
				}
				return 0;
			}
		};
	}

	/**
	 * For one lane: the deviations from the mean into {@code dh}, {@code dl} (of the lane
	 * scaled by 2^−e), and s = √(var + epsilon·2^−2e) as a double-double into
	 * {@code s[0]}, {@code s[1]}, with −e in {@code s[2]} and epsilon·2^−2e in
	 * {@code s[3]}: the value is d/s, the vector-Jacobian product (…)/s·2^−e.
	 */
	private static void moments(double[] in, int start, int stride, int n, double epsilon, boolean value, double[] dh,
			double[] dl, double[] s) {
		double big = 0;
		for (int k = 0; k < n; k++) {
			big = Math.max(big, Math.abs(in[start + k * stride]));
		}
		int e = 0;
		if (big > 0x1p500) {
			e = Math.getExponent(big);
		}
		else if (big < 0x1p-500 && big > 0 && (value || epsilon < 0x1p-1000)) {
			// to 2^−400: where d² could flush while var still matters against epsilon
			// (epsilon < 2^−1000), and, for the value only, so that the mean and d keep
			// their low parts (a lane of subnormals: their error would be amplified
			// 1/s-fold); no further than keeps epsilon·2^−2e below 2^1000. The VJP keeps
			// such a lane unscaled: there a d² that flushes sends it to r/s, while a
			// partly scaled one could leave ⟨d, d⟩ subnormal.
			e = DoubleDouble.exponent(big) + 400;
			if (epsilon > 0) {
				e = Math.max(e, Math.floorDiv(DoubleDouble.exponent(epsilon) - 1000 + 1, 2));
			}
			e = Math.min(e, 0);
		}
		double[] t = new double[2];
		double sh = 0;
		double sl = 0;
		for (int k = 0; k < n; k++) {
			DoubleDouble.add(sh, sl, Math.scalb(in[start + k * stride], -e), 0.0, t);
			sh = t[0];
			sl = t[1];
		}
		DoubleDouble.div(sh, sl, n, 0.0, t);
		double mh = t[0];
		double ml = t[1];
		double vh = 0;
		double vl = 0;
		for (int k = 0; k < n; k++) {
			DoubleDouble.add(Math.scalb(in[start + k * stride], -e), 0.0, -mh, -ml, t);
			dh[k] = t[0];
			dl[k] = t[1];
			DoubleDouble.mul(t[0], t[1], t[0], t[1], t);
			DoubleDouble.add(vh, vl, t[0], t[1], t);
			vh = t[0];
			vl = t[1];
		}
		double scaledEpsilon = Math.scalb(epsilon, -2 * e);
		if (vh == 0) {
			// a constant lane: every deviation is 0 and s = √epsilon, taken unscaled, as
			// epsilon·2^−2e may have flushed
			e = 0;
			scaledEpsilon = epsilon;
			t[0] = epsilon;
			t[1] = 0.0;
		}
		else {
			DoubleDouble.div(vh, vl, n, 0.0, t);
			DoubleDouble.add(t[0], t[1], scaledEpsilon, 0.0, t);
		}
		// √(qh + ql): one Newton step on the double square root
		double qh = t[0];
		double ql = t[1];
		double root = Math.sqrt(qh);
		double low = (root == 0) ? 0.0 : (Math.fma(-root, root, qh) + ql) / (2.0 * root);
		s[0] = root;
		s[1] = low;
		s[2] = -e;
		s[3] = scaledEpsilon;
		s[4] = qh;
		s[5] = ql;
	}

	/** (ah + al)/(bh + bl) as a double-double. */
	private static void quotient(double ah, double al, double bh, double bl, double[] out) {
		DoubleDouble.div(ah, al, bh, bl, out);
	}

}
