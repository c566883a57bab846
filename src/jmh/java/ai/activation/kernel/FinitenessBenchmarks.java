package ai.activation.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per scan for finiteness of {@code size} finite float64 values, the case of every
 * successful call: {@link Finiteness#first} against the value-by-value loop it replaced,
 * one thread. 4,096 values stay in the L1 and L2 caches, as a block just read into a
 * {@code ValueBuffer} does; 2^20 values (8 MB) do not, as a kernel's whole output does not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = { "--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class FinitenessBenchmarks {

	@Param({ "4096", "1048576" })
	public int size;

	private double[] values;

	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(42);
		this.values = new double[this.size];
		for (int i = 0; i < this.size; i++) {
			this.values[i] = random.nextDouble(-10.0, 10.0);
		}
	}

	@Benchmark
	public int service() {
		return Finiteness.first(this.values);
	}

	@Benchmark
	public int valueByValue() {
		double[] x = this.values;
		for (int i = 0; i < x.length; i++) {
			if (!Double.isFinite(x[i])) {
				return i;
			}
		}
		return -1;
	}

}
