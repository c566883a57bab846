package ai.activation.engine;

import java.util.Locale;

/** What a call computes. */
public enum Mode {

	/** The function's value, f(x). */
	VALUE,

	/**
	 * The vector-Jacobian product gᵀ·J of the function at x: f′(x)·g element by element,
	 * the product with the lane's Jacobian along an axis.
	 */
	GRADIENT;

	/**
	 * Returns the name of the mode in metrics and documents.
	 * @return {@code value} or {@code gradient}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
