package ai.activation.kernel;

import java.util.Arrays;

/**
 * The activation functions applied along an axis: the softmax family, GLU and sparsemax.
 */
public final class AxisKernels {

	private AxisKernels() {
	}

	/**
	 * softmax: e^((x_i − m)/T) / Σ_j e^((x_j − m)/T), with m the maximum of the lane.
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction softmax(double temperature) {
		return (in, lanes, out) -> softmaxFamily(in, lanes, out, temperature, false, false);
	}

	/**
	 * softmin: the softmax of −x.
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction softmin(double temperature) {
		return (in, lanes, out) -> softmaxFamily(in, lanes, out, temperature, true, false);
	}

	/**
	 * log_softmax: (x_i − m)/T − log Σ_j e^((x_j − m)/T).
	 * @param temperature a positive temperature T
	 * @return the function
	 */
	public static AxisFunction logSoftmax(double temperature) {
		return (in, lanes, out) -> softmaxFamily(in, lanes, out, temperature, false, true);
	}

	/**
	 * glu: a·σ(b), where a and b are the first and second halves of the lane.
	 * @return the function, whose output axis is half as long
	 */
	public static AxisFunction glu() {
		return new AxisFunction() {
			@Override
			public int outputLength(int length) {
				return length / 2;
			}

			@Override
			public long apply(double[] in, Lanes lanes, double[] out) {
				int half = lanes.length() / 2;
				Lanes halves = new Lanes(lanes.outer(), half, lanes.inner());
				long events = 0;
				for (int lane = 0; lane < lanes.count(); lane++) {
					int src = lanes.start(lane);
					int dst = halves.start(lane);
					int stride = lanes.inner();
					for (int k = 0; k < half; k++) {
						double a = in[src + k * stride];
						double b = in[src + (k + half) * stride];
						if (Scalars.SIGMOID.naiveFails(b)) {
							events++;
						}
						out[dst + k * stride] = a * Scalars.sigmoid(b);
					}
				}
				return events;
			}
		};
	}

	/**
	 * sparsemax: the Euclidean projection of the lane onto the probability simplex.
	 * @return the function
	 */
	public static AxisFunction sparsemax() {
		return (in, lanes, out) -> {
			int n = lanes.length();
			int stride = lanes.inner();
			double[] z = new double[n];
			double[] sorted = new double[n];
			long events = 0;
			for (int lane = 0; lane < lanes.count(); lane++) {
				int start = lanes.start(lane);
				for (int k = 0; k < n; k++) {
					z[k] = in[start + k * stride];
				}
				double max = Double.NEGATIVE_INFINITY;
				for (double v : z) {
					max = Math.max(max, v);
				}
				for (int k = 0; k < n; k++) {
					sorted[k] = z[k] - max;
				}
				Arrays.sort(sorted);
				double cumulative = 0;
				double tau = 0;
				for (int k = 1; k <= n; k++) {
					double v = sorted[n - k];
					cumulative += v;
					if (1.0 + k * v > cumulative) {
						tau = (cumulative - 1.0) / k;
					}
				}
				for (int k = 0; k < n; k++) {
					out[start + k * stride] = Math.max(z[k] - max - tau, 0.0);
				}
			}
			return events;
		};
	}

	private static long softmaxFamily(double[] in, Lanes lanes, double[] out, double temperature, boolean negate,
			boolean log) {
		int n = lanes.length();
		int stride = lanes.inner();
		double sign = negate ? -1.0 : 1.0;
		long events = 0;
		for (int lane = 0; lane < lanes.count(); lane++) {
			int start = lanes.start(lane);
			double max = Double.NEGATIVE_INFINITY;
			for (int k = 0; k < n; k++) {
				max = Math.max(max, sign * in[start + k * stride]);
			}
			double sum = 0;
			for (int k = 0; k < n; k++) {
				double e = Math.exp((sign * in[start + k * stride] - max) / temperature);
				out[start + k * stride] = e;
				sum += e;
			}
			double scaledMax = max / temperature;
			if (scaledMax > Scalars.LN_MAX || Math.exp(scaledMax) == 0.0
					|| scaledMax + Math.log(sum) > Scalars.LN_MAX) {
				events++;
			}
			double logSum = Math.log(sum);
			for (int k = 0; k < n; k++) {
				int i = start + k * stride;
				out[i] = log ? (sign * in[i] - max) / temperature - logSum : out[i] / sum;
			}
		}
		return events;
	}

}
