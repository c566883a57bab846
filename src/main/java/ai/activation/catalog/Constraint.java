package ai.activation.catalog;

import java.util.function.Predicate;

/**
 * A rule that ties several parameters of one function together, such as
 * {@code lower ≤ upper}.
 *
 * @param parameter the parameter blamed when the rule is broken
 * @param rule the rule in words, e.g. {@code "lower <= upper"}
 * @param holds whether the rule holds for the given arguments
 */
public record Constraint(String parameter, String rule, Predicate<Arguments> holds) {

	static Constraint notAbove(String lower, String upper) {
		return new Constraint(lower, lower + " <= " + upper, (a) -> a.number(lower) <= a.number(upper));
	}

}
