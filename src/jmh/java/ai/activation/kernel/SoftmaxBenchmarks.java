package ai.activation.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per element of softmax over one lane of 2^20 float64 values uniform in [−10, 10]:
 * the service's kernel (double-double shifts, compensated sum) against the plain
 * max-exp-sum-divide loop, one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = { "--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(SoftmaxBenchmarks.N)
public class SoftmaxBenchmarks {

	static final int N = 1 << 20;

	private final AxisFunction softmax = AxisKernels.softmax(1.0);

	private final Lanes lanes = new Lanes(1, N, 1);

	private double[] in;

	private double[] out;

	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(42);
		this.in = new double[N];
		for (int i = 0; i < N; i++) {
			this.in[i] = random.nextDouble(-10.0, 10.0);
		}
		this.out = new double[N];
	}

	@Benchmark
	public long service() {
		return this.softmax.apply(this.in, this.lanes, this.out);
	}

	@Benchmark
	public double[] scalarLoop() {
		double[] x = this.in;
		double[] y = this.out;
		double max = Double.NEGATIVE_INFINITY;
		for (double v : x) {
			max = Math.max(max, v);
		}
		double sum = 0;
		for (int i = 0; i < x.length; i++) {
			y[i] = Math.exp(x[i] - max);
			sum += y[i];
		}
		for (int i = 0; i < x.length; i++) {
			y[i] /= sum;
		}
		return y;
	}

}
