package ai.activation.kernel;

import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;

/**
 * An activation function applied element by element.
 *
 * <p>
 * Implementations are pure and stateless once constructed. {@link #naiveFails(double)}
 * tells where the textbook formula of the function would overflow an intermediate, or
 * give NaN, ±∞ or a flushed zero, while {@link #value(double)} returns the right value:
 * an <em>overflow-avoidance event</em>.
 */
public interface ScalarFunction {

	/**
	 * Returns the function at {@code x}.
	 * @param x a finite argument
	 * @return the value, within the function's documented ulp bound of the correctly
	 * rounded result
	 */
	double value(double x);

	/**
	 * Tells whether the textbook formula would fail at {@code x} where
	 * {@link #value(double)} does not.
	 * @param x a finite argument
	 * @return {@code true} for an overflow-avoidance event
	 */
	default boolean naiveFails(double x) {
		return false;
	}

	/**
	 * Makes a function that has overflow-avoidance events.
	 * @param value the stable evaluation
	 * @param naiveFails where the textbook formula fails, as {@link #naiveFails(double)}
	 * @return the function
	 */
	static ScalarFunction of(DoubleUnaryOperator value, DoublePredicate naiveFails) {
		return new ScalarFunction() {
			@Override
			public double value(double x) {
				return value.applyAsDouble(x);
			}

			@Override
			public boolean naiveFails(double x) {
				return naiveFails.test(x);
			}
		};
	}

	/**
	 * Applies the function to every element of {@code in}, writing into {@code out}.
	 * @param in the arguments, not modified
	 * @param out the results, at least as long as {@code in}; may be {@code in} itself
	 * @return the number of overflow-avoidance events
	 */
	default long applyAll(double[] in, double[] out) {
		long events = 0;
		for (int i = 0; i < in.length; i++) {
			double x = in[i];
			if (naiveFails(x)) {
				events++;
			}
			out[i] = value(x);
		}
		return events;
	}

}
