package ai.activation.activate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Constraint;
import ai.activation.catalog.Convention;
import ai.activation.catalog.Parameter;
import ai.activation.catalog.Range;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The description of one catalog function, as {@code GET /activate/{function}} answers
 * it; derived from {@link Activation} and nothing else.
 *
 * @param name the canonical name
 * @param aliases the other accepted names
 * @param summary one sentence
 * @param formula the definition in plain text
 * @param latex the definition in LaTeX
 * @param derivative the derivative (or, along an axis, the vector-Jacobian product) and
 * its convention at the kinks
 * @param alongAxis whether the function is applied along an axis rather than element by
 * element
 * @param ranks the ranks the input must have, for the functions defined on some ranks
 * only (softmax2d: 3 and 4); left out for the others, which take any rank
 * @param mask what an optional {@code mask} beside {@code values} does, for the functions
 * that take one; left out for the others
 * @param parameters the query parameters
 * @param constraints the rules that tie several parameters together, e.g.
 * {@code lower <= upper}
 * @param conventions each library's defaults of the parameters, by the name the
 * {@code convention} parameter takes ({@code pytorch} is the catalog's own); a parameter
 * given explicitly wins over any of them
 */
record FunctionDescription(String name, List<String> aliases, String summary, String formula, String latex,
		Derivative derivative, boolean alongAxis, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> ranks,
		@JsonInclude(JsonInclude.Include.NON_NULL) String mask, List<ParameterDescription> parameters,
		List<String> constraints, Map<String, Map<String, Object>> conventions) {

	static FunctionDescription of(Activation function) {
		Map<String, Map<String, Object>> conventions = new LinkedHashMap<>();
		for (Convention convention : Convention.values()) {
			conventions.put(convention.label(), convention.defaults(function));
		}
		return new FunctionDescription(function.canonicalName(), function.aliases(), function.summary(),
				function.formula(), function.latex(), Derivative.of(function), function.alongAxis(), function.ranks(),
				function.maskRule().orElse(null), function.parameters().stream().map(ParameterDescription::of).toList(),
				function.constraints().stream().map(Constraint::rule).toList(), conventions);
	}

	/**
	 * The derivative of a function, as the gradient endpoint computes it.
	 *
	 * @param formula f′(x) in plain text, or the vector-Jacobian product with the
	 * upstream gradient g for a function along an axis
	 * @param latex the same in LaTeX
	 * @param convention the value at the kinks (PyTorch's autograd convention) and where
	 * JAX differs
	 */
	record Derivative(String formula, String latex, String convention) {

		static Derivative of(Activation function) {
			return new Derivative(function.derivativeFormula(), function.derivativeLatex(),
					function.derivativeConvention());
		}

	}

	/**
	 * One query parameter.
	 *
	 * @param name the query parameter name
	 * @param type {@code number}, {@code axis} or {@code choice}
	 * @param defaultValue the value taken when omitted; {@code null} where omission means
	 * absent
	 * @param allowed the allowed values
	 * @param description one sentence
	 */
	record ParameterDescription(String name, String type, @JsonProperty("default") Object defaultValue, Allowed allowed,
			String description) {

		static ParameterDescription of(Parameter parameter) {
			return new ParameterDescription(parameter.name(), parameter.type().name().toLowerCase(Locale.ROOT),
					parameter.defaultValue(), Allowed.of(parameter), parameter.description());
		}

	}

	/**
	 * The allowed values of a parameter: an interval for numbers, words for choices.
	 * Unbounded ends of an interval are {@code null}, as JSON has no infinity.
	 *
	 * @param description the allowed values in words
	 * @param min the lower bound of a number, or {@code null} if unbounded
	 * @param minInclusive whether {@code min} is allowed
	 * @param max the upper bound of a number, or {@code null} if unbounded
	 * @param maxInclusive whether {@code max} is allowed
	 * @param excludesZero whether zero is excluded
	 * @param choices the allowed words of a choice
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Allowed(String description, Double min, Boolean minInclusive, Double max, Boolean maxInclusive,
			Boolean excludesZero, List<String> choices) {

		static Allowed of(Parameter parameter) {
			Range range = parameter.range();
			return switch (parameter.type()) {
				case NUMBER, NUMBERS -> new Allowed(parameter.allowed(), bound(range.min()), range.minInclusive(),
						bound(range.max()), range.maxInclusive(), range.excludesZero(), null);
				case AXIS, AXES -> new Allowed(parameter.allowed(), null, null, null, null, null, null);
				case CHOICE -> new Allowed(parameter.allowed(), null, null, null, null, null, parameter.choices());
			};
		}

		private static Double bound(double value) {
			return Double.isInfinite(value) ? null : value;
		}

	}

}
