package ai.activation.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a function's parameters for one call, defaults filled in, already checked
 * against the catalog's ranges.
 */
public final class Arguments {

	private final Map<String, Object> values;

	private final Convention convention;

	private final boolean conventionKinks;

	/**
	 * Creates arguments from values already checked by the validation layer, under the
	 * catalog's own convention.
	 * @param values the value of each parameter by name, in catalog order
	 */
	public Arguments(Map<String, Object> values) {
		this(values, Convention.PYTORCH, false);
	}

	/**
	 * Creates arguments from values already checked by the validation layer.
	 * @param values the value of each parameter by name, in catalog order
	 * @param convention the library whose defaults filled the omitted parameters
	 * @param conventionKinks whether the gradient takes that library's derivative at the
	 * kinks, which differs from the catalog's for this function
	 * ({@link Convention#ownsKinksOf})
	 */
	public Arguments(Map<String, Object> values, Convention convention, boolean conventionKinks) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.convention = convention;
		this.conventionKinks = conventionKinks;
	}

	/**
	 * Returns the convention the call follows.
	 * @return the convention; {@link Convention#PYTORCH} when none was named
	 */
	public Convention convention() {
		return this.convention;
	}

	/**
	 * Tells whether the gradient takes the convention's derivative at the kinks instead
	 * of the catalog's (PyTorch's).
	 * @return {@code true} where the convention's library differs there
	 */
	public boolean conventionKinks() {
		return this.conventionKinks;
	}

	/**
	 * Returns a number parameter.
	 * @param name the parameter name
	 * @return its value
	 */
	public double number(String name) {
		return (Double) this.values.get(name);
	}

	/**
	 * Returns a number parameter that may be absent.
	 * @param name the parameter name
	 * @return its value, or NaN when absent
	 */
	public double numberOrNaN(String name) {
		Object value = this.values.get(name);
		return (value != null) ? (Double) value : Double.NaN;
	}

	/**
	 * Returns the axis parameter.
	 * @return the axis as given, in {@code [−rank, rank)}
	 */
	public int axis() {
		return (Integer) this.values.get("axis");
	}

	/**
	 * Returns a choice parameter.
	 * @param name the parameter name
	 * @return its value
	 */
	public String choice(String name) {
		return (String) this.values.get(name);
	}

	/**
	 * Returns every value by parameter name, in catalog order; absent optional parameters
	 * map to {@code null}.
	 * @return the values
	 */
	public Map<String, Object> asMap() {
		return this.values;
	}

}
