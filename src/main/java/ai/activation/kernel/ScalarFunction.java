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
 * an <em>overflow-avoidance event</em>; {@link #naiveDerivativeFails(double)} does the
 * same for the derivative.
 *
 * <p>
 * Every function has both a value and a derivative (neither has a default), so a new
 * catalog function cannot be added without its gradient. {@link #of} builds one from a
 * pair of lambdas; the family classes ({@link Piecewise}, {@link Logistic},
 * {@link Hyperbolic}, {@link ExponentialLinear}, {@link Gaussian}) hold the definitions.
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
	 * Returns the derivative f′(x). At a kink the value PyTorch's autograd gives is
	 * returned, as the implementation's Javadoc says.
	 * @param x a finite argument
	 * @return the derivative, within the function's documented ulp bound of the correctly
	 * rounded true derivative
	 */
	double derivative(double x);

	/**
	 * Tells whether the textbook formula of the derivative would fail at {@code x} where
	 * {@link #derivative(double)} does not: an overflow-avoidance event of the gradient.
	 * @param x a finite argument
	 * @return {@code true} for an overflow-avoidance event
	 */
	default boolean naiveDerivativeFails(double x) {
		return false;
	}

	/**
	 * Makes a function without overflow-avoidance events, from its value and its
	 * derivative.
	 * @param value the evaluation
	 * @param derivative the derivative
	 * @return the function
	 */
	static ScalarFunction of(DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
		return of(value, (x) -> false, derivative, (x) -> false);
	}

	/**
	 * Makes a function that has overflow-avoidance events.
	 * @param value the stable evaluation
	 * @param naiveFails where the textbook formula fails, as {@link #naiveFails(double)}
	 * @param derivative the stable derivative
	 * @param naiveDerivativeFails where the textbook formula of the derivative fails, as
	 * {@link #naiveDerivativeFails(double)}
	 * @return the function
	 */
	static ScalarFunction of(DoubleUnaryOperator value, DoublePredicate naiveFails, DoubleUnaryOperator derivative,
			DoublePredicate naiveDerivativeFails) {
		return new ScalarFunction() {
			@Override
			public double value(double x) {
				return value.applyAsDouble(x);
			}

			@Override
			public boolean naiveFails(double x) {
				return naiveFails.test(x);
			}

			@Override
			public double derivative(double x) {
				return derivative.applyAsDouble(x);
			}

			@Override
			public boolean naiveDerivativeFails(double x) {
				return naiveDerivativeFails.test(x);
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

	/**
	 * Writes the vector-Jacobian product of the function: {@code out[i] = f′(in[i]) ·
	 * grad[i]}, or {@code f′(in[i])} where {@code grad} is {@code null}.
	 * @param in the arguments, not modified
	 * @param grad the upstream gradient, as long as {@code in}, or {@code null} for ones;
	 * not modified
	 * @param out the results, at least as long as {@code in}; may be {@code in} or
	 * {@code grad} itself
	 * @return the number of overflow-avoidance events of the derivative
	 */
	default long gradientAll(double[] in, double[] grad, double[] out) {
		long events = 0;
		for (int i = 0; i < in.length; i++) {
			double x = in[i];
			if (naiveDerivativeFails(x)) {
				events++;
			}
			double d = derivative(x);
			out[i] = (grad != null) ? d * grad[i] : d;
		}
		return events;
	}

}
