package ai.activation.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
	 * Returns a parameter of {@link Parameter.Type#NUMBERS}: one number, or one per
	 * channel.
	 * @param name the parameter name
	 * @return its values, a new array of at least one element
	 */
	public double[] numbers(String name) {
		Object value = this.values.get(name);
		if (value instanceof List<?> list) {
			return list.stream().mapToDouble((v) -> (Double) v).toArray();
		}
		return new double[] { (Double) value };
	}

	/**
	 * Returns the axis parameter.
	 * @return the axis as given, in {@code [−rank, rank)}
	 */
	public int axis() {
		int[] axes = axes();
		if (axes.length != 1) {
			throw new IllegalStateException("several axes: " + this.values.get("axis"));
		}
		return axes[0];
	}

	/**
	 * Returns an axis parameter of {@link Parameter.Type#AXES}: one axis, or several.
	 * @return the axes as given, each in {@code [−rank, rank)}, a new array
	 */
	public int[] axes() {
		Object value = this.values.get("axis");
		if (value instanceof List<?> list) {
			return list.stream().mapToInt((v) -> (Integer) v).toArray();
		}
		return new int[] { (Integer) value };
	}

	/**
	 * Returns the axis parameter where omitting it means a default that depends on the
	 * input (prelu's channel axis).
	 * @return the axis as given, or {@code null} if omitted
	 */
	public Integer axisOrNull() {
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
