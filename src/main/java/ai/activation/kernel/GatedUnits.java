package ai.activation.kernel;

/**
 * Functions along an axis that pick or gate: ONNX's hardmax, and the ReLU-gated linear
 * unit of transformer feed-forward layers. Each is exact: one comparison or one rounded
 * product per element.
 */
public final class GatedUnits {

	private GatedUnits() {
	}

	/**
	 * hardmax (ONNX {@code Hardmax}, onnx/onnx {@code docs/Operators.md}): 1 at the first
	 * maximum of the lane, 0 elsewhere. Exact. Its vector-Jacobian product is 0: the
	 * function is piecewise constant, and at a tie the zero subgradient is taken.
	 * @return the function
	 */
	public static AxisFunction hardmax() {
		return new AxisFunction() {
			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				int stride = lanes.inner();
				for (int lane = 0; lane < lanes.count(); lane++) {
					int start = lanes.start(lane);
					int best = 0;
					for (int k = 1; k < lanes.length(); k++) {
						if (in[start + k * stride] > in[start + best * stride]) {
							best = k;
						}
					}
					for (int k = 0; k < lanes.length(); k++) {
						out[start + k * stride] = (k == best) ? 1 : 0;
					}
				}
				return 0;
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				java.util.Arrays.fill(out, 0, lanes.count() * lanes.length(), 0.0);
				return 0;
			}
		};
	}

	/**
	 * reglu: relu(a)·b, where a and b are the first and second halves of the lane, as glu
	 * splits it (Shazeer, 2020, "GLU Variants Improve Transformer"). One rounded product:
	 * within 0.5 ulp. Its vector-Jacobian product has the input's shape: ∂/∂a = g·b where
	 * a &gt; 0, else 0 (relu′(0) = 0 as PyTorch); ∂/∂b = g·relu(a); each one rounded
	 * product. No overflow-avoidance events: the textbook formula is this one.
	 * @return the function, whose output axis is half as long
	 */
	public static AxisFunction reglu() {
		return new AxisFunction() {
			@Override
			public int lengthMultiple() {
				return 2;
			}

			@Override
			public int outputLength(int length) {
				return length / 2;
			}

			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				int half = lanes.length() / 2;
				Lanes halves = new Lanes(lanes.outer(), half, lanes.inner());
				int stride = lanes.inner();
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					for (int k = 0; k < half; k++) {
						double a = in[src + k * stride];
						double b = in[src + (k + half) * stride];
						out[dst + k * stride] = (a > 0) ? a * b : 0.0;
					}
				}
				return 0;
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				int half = lanes.length() / 2;
				Lanes halves = new Lanes(lanes.outer(), half, lanes.inner());
				int stride = lanes.inner();
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					for (int k = 0; k < half; k++) {
						int ia = src + k * stride;
						int ib = src + (k + half) * stride;
						double a = in[ia];
						double g = grad[dst + k * stride];
						out[ia] = (a > 0) ? g * in[ib] : 0.0;
						out[ib] = (a > 0) ? g * a : 0.0;
					}
				}
				return 0;
			}
		};
	}

}
