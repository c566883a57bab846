package ai.activation.catalog;

import java.util.List;

/**
 * A parameter of an activation function, as the caller names it in the query string.
 *
 * @param name the query parameter name
 * @param type the value type
 * @param defaultValue the value taken when the parameter is omitted: a {@link Double}, an
 * {@link Integer}, a {@link String}, or {@code null} where omission means "absent"
 * @param range the allowed numbers, for {@link Type#NUMBER}; {@code null} otherwise
 * @param choices the allowed values, for {@link Type#CHOICE}; empty otherwise
 * @param description one sentence saying what the parameter does
 */
public record Parameter(String name, Type type, Object defaultValue, Range range, List<String> choices,
		String description) {

	/** The value types of parameters. */
	public enum Type {

		/** A finite double. */
		NUMBER,

		/** An axis index in {@code [−rank, rank)}, where rank is that of the input. */
		AXIS,

		/** One of a fixed set of words. */
		CHOICE

	}

	static Parameter number(String name, Double defaultValue, Range range, String description) {
		return new Parameter(name, Type.NUMBER, defaultValue, range, List.of(), description);
	}

	static Parameter axis() {
		return new Parameter("axis", Type.AXIS, -1, null, List.of(),
				"The axis along which the function is applied; negative values count from the last axis.");
	}

	static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
		return new Parameter(name, Type.CHOICE, defaultValue, null, List.copyOf(choices), description);
	}

	/**
	 * Describes the allowed values in words, e.g. {@code "a number in (0, ∞)"}.
	 * @return the description
	 */
	public String allowed() {
		return switch (this.type) {
			case NUMBER -> "a finite number in " + this.range;
			case AXIS -> "an integer in [-rank, rank), where rank is the nesting depth of values";
			case CHOICE -> "one of " + String.join(", ", this.choices);
		};
	}

}
