package ai.activation.kernel;

/**
 * Functions along an axis that pick, gate or concatenate: ONNX's hardmax, the gated
 * linear units of transformer feed-forward layers (reglu, swiglu, geglu: an activation of
 * the first half of the lane times the second, as Shazeer (2020, "GLU Variants Improve
 * Transformer") writes max(0, xW) ⊗ xV, Swish(xW) ⊗ xV and GELU(xW) ⊗ xV), and
 * TensorFlow's crelu.
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
					if (Simd.AVAILABLE && stride == 1) {
						VectorKernels.reglu(in, src, half, out, dst);
						continue;
					}
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

	/**
	 * swiglu: Swish_alpha(a)·b = a·σ(alpha·a)·b, the halves a | b as glu splits the lane,
	 * with the swish of ONNX Swish (onnx/onnx, Swish, opset 24: x·sigmoid(alpha·x)) and
	 * of {@link Logistic#silu(double)}. The value is the swish (within 3 ulp) times b,
	 * one more rounding; the vector-Jacobian product is ∂/∂a = g·b·swish′(a) (one
	 * rounding of the triple product) and ∂/∂b = g·swish(a).
	 * @param alpha the factor of a inside σ
	 * @return the function, whose output axis is half as long
	 */
	public static AxisFunction swiglu(double alpha) {
		return gated((alpha == 1.0) ? Logistic.SILU : Logistic.silu(alpha));
	}

	/**
	 * geglu: gelu(a)·b, the halves a | b as glu splits the lane, with gelu exact or in
	 * its tanh approximation ({@link Gaussian}). Products as {@link #swiglu(double)}.
	 * @param tanh whether to use gelu's tanh approximation
	 * @return the function, whose output axis is half as long
	 */
	public static AxisFunction geglu(boolean tanh) {
		return gated(tanh ? Gaussian.GELU_TANH : Gaussian.GELU);
	}

	/** f(a)·b on the halves a | b of each lane, with its vector-Jacobian product. */
	private static AxisFunction gated(ScalarFunction f) {
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
				long events = 0;
				double[] scratch = (Simd.AVAILABLE && stride == 1) ? new double[half] : null;
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					if (scratch != null && f == Logistic.SILU) {
						events += VectorKernels.swiglu(in, src, half, out, dst);
						continue;
					}
					if (scratch != null) {
						events += VectorKernels.gated(f, in, src, half, scratch, out, dst);
						continue;
					}
					for (int k = 0; k < half; k++) {
						double a = in[src + k * stride];
						if (f.naiveFails(a)) {
							events++;
						}
						out[dst + k * stride] = f.value(a) * in[src + (k + half) * stride];
					}
				}
				return events;
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				int half = lanes.length() / 2;
				Lanes halves = new Lanes(lanes.outer(), half, lanes.inner());
				int stride = lanes.inner();
				long events = 0;
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					for (int k = 0; k < half; k++) {
						int ia = src + k * stride;
						int ib = src + (k + half) * stride;
						double a = in[ia];
						double g = grad[dst + k * stride];
						if (f.naiveDerivativeFails(a)) {
							events++;
						}
						double value = f.value(a);
						out[ia] = DoubleDouble.product(g, in[ib], f.derivative(a));
						out[ib] = g * value;
					}
				}
				return events;
			}
		};
	}

	/**
	 * crelu (TensorFlow {@code tf.nn.crelu(features, axis=-1)}: "Concatenates a ReLU
	 * which selects only the positive part of the activation with a ReLU which selects
	 * only the negative part"): [relu(x), relu(−x)] along the axis, which doubles. Exact.
	 * Its vector-Jacobian product is g_k for x_k &gt; 0, −g_{n+k} for x_k &lt; 0, and 0
	 * at x_k = 0 (relu′(0) = 0 on both halves), exact.
	 * @return the function, whose output axis is twice as long
	 */
	public static AxisFunction crelu() {
		return new AxisFunction() {
			@Override
			public int outputLength(int length) {
				return 2 * length;
			}

			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				int n = lanes.length();
				Lanes doubled = new Lanes(lanes.outer(), 2 * n, lanes.inner());
				int stride = lanes.inner();
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = doubled.start(lane);
					if (Simd.AVAILABLE && stride == 1) {
						VectorKernels.crelu(in, src, n, out, dst);
						continue;
					}
					for (int k = 0; k < n; k++) {
						double x = in[src + k * stride];
						out[dst + k * stride] = Math.max(0.0, x);
						out[dst + (k + n) * stride] = Math.max(0.0, -x);
					}
				}
				return 0;
			}

			@Override
			public long vjp(double[] in, double[] grad, Lanes lanes, double[] out) {
				int n = lanes.length();
				Lanes doubled = new Lanes(lanes.outer(), 2 * n, lanes.inner());
				int stride = lanes.inner();
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = doubled.start(lane);
					for (int k = 0; k < n; k++) {
						double x = in[src + k * stride];
						out[src + k * stride] = (x > 0) ? grad[dst + k * stride]
								: (x < 0) ? -grad[dst + (k + n) * stride] : 0.0;
					}
				}
				return 0;
			}
		};
	}

}
