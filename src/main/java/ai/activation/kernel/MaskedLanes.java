package ai.activation.kernel;

/**
 * The masked variants of the functions along an axis that take a mask (the softmax
 * family, logsumexp, logmeanexp), as jax-ml/jax {@code jax/_src/nn/functions.py} defines
 * their {@code where} argument: the elements whose mask is 0 take no part. Each lane's
 * unmasked elements are gathered into a contiguous sub-lane, the function's own unmasked
 * kernel runs on it, and its result is scattered back, so a masked lane has exactly the
 * accuracy (and the overflow-avoidance events) of the function on its sub-lane; the
 * unmasked paths are not touched.
 *
 * <p>
 * Masked positions answer 0, in the value (for the functions whose output has the input's
 * shape) and in the vector-Jacobian product; a reduction answers the value of its
 * sub-lane. A lane with no unmasked element has no value (a softmax of nothing is 0/0);
 * callers find it first with {@link #firstEmptyLane}.
 */
final class MaskedLanes {

	private MaskedLanes() {
	}

	/**
	 * Returns the first lane whose every element is masked.
	 * @param mask 1 where an element takes part, 0 where it is masked, laid out as the
	 * input
	 * @param lanes the lanes of the input
	 * @return the lane's number in {@code [0, lanes.count())}, or {@code -1} if every
	 * lane has an unmasked element
	 */
	static int firstEmptyLane(double[] mask, Lanes lanes) {
		int n = lanes.length();
		int stride = lanes.inner();
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			boolean empty = true;
			for (int k = 0; k < n && empty; k++) {
				empty = mask[start + k * stride] == 0;
			}
			if (empty) {
				return lane;
			}
		}
		return -1;
	}

	/**
	 * Applies {@code function} to the unmasked sub-lane of every lane.
	 * @param function the function, whose output axis is as long as its input's or 1 (a
	 * reduction)
	 * @param in the input, not modified
	 * @param mask 1 where an element takes part, 0 where it is masked, laid out as the
	 * input; no lane fully masked
	 * @param lanes the lanes of the input
	 * @param out the output, laid out with the axis length
	 * {@link AxisFunction#outputLength(int)}; 0 at masked positions
	 * @return the overflow-avoidance events of the sub-lanes
	 */
	static long apply(AxisFunction function, double[] in, double[] mask, Lanes lanes, double[] out) {
		int n = lanes.length();
		int stride = lanes.inner();
		boolean reduction = function.outputLength(n) == 1 && n != 1;
		Lanes reduced = new Lanes(lanes.outer(), 1, lanes.inner());
		double[] sub = new double[n];
		double[] subOut = new double[n];
		long events = 0;
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			int k = gather(in, mask, start, stride, n, sub);
			events += function.apply(sub, new Lanes(1, k, 1), subOut);
			if (reduction) {
				out[reduced.start(lane)] = subOut[0];
			}
			else {
				scatter(subOut, mask, start, stride, n, out);
			}
		}
		return events;
	}

	/**
	 * Writes the vector-Jacobian product of {@code function} on the unmasked sub-lane of
	 * every lane: the product of the sub-lane at its elements, 0 at masked ones. The
	 * upstream gradient at masked positions (where it has the input's shape) takes no
	 * part.
	 * @param function the function, as for {@link #apply}
	 * @param in the input, not modified
	 * @param grad the upstream gradient, laid out as the output; not modified
	 * @param mask as for {@link #apply}
	 * @param lanes the lanes of the input
	 * @param out the result, laid out as the input
	 * @return the overflow-avoidance events of the sub-lanes
	 */
	static long vjp(AxisFunction function, double[] in, double[] grad, double[] mask, Lanes lanes, double[] out) {
		int n = lanes.length();
		int stride = lanes.inner();
		boolean reduction = function.outputLength(n) == 1 && n != 1;
		Lanes reduced = new Lanes(lanes.outer(), 1, lanes.inner());
		double[] sub = new double[n];
		double[] subGrad = new double[n];
		double[] subOut = new double[n];
		long events = 0;
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			int k = gather(in, mask, start, stride, n, sub);
			if (reduction) {
				subGrad[0] = grad[reduced.start(lane)];
			}
			else {
				gather(grad, mask, start, stride, n, subGrad);
			}
			events += function.vjp(sub, subGrad, new Lanes(1, k, 1), subOut);
			scatter(subOut, mask, start, stride, n, out);
		}
		return events;
	}

	/**
	 * Copies the unmasked elements of a lane to the front of {@code sub}; their count.
	 */
	private static int gather(double[] in, double[] mask, int start, int stride, int n, double[] sub) {
		int k = 0;
		for (int j = 0; j < n; j++) {
			int i = start + j * stride;
			if (mask[i] != 0) {
				sub[k++] = in[i];
			}
		}
		return k;
	}

	/** Writes the sub-lane's results at the unmasked positions of a lane, 0 elsewhere. */
	private static void scatter(double[] sub, double[] mask, int start, int stride, int n, double[] out) {
		int k = 0;
		for (int j = 0; j < n; j++) {
			int i = start + j * stride;
			out[i] = (mask[i] != 0) ? sub[k++] : 0.0;
		}
	}

}
