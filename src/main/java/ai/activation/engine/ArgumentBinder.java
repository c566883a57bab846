package ai.activation.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Constraint;
import ai.activation.catalog.Convention;
import ai.activation.catalog.Parameter;

/**
 * Builds a function's {@link Arguments} from the values given, driven by the catalog's
 * parameter list: numbers must be finite (and, as text, plain decimals) within their
 * range, axes integers, choices one of their words; cross-parameter constraints are
 * checked once the defaults are filled in. Every fault is an
 * {@link InvalidParameterException} naming the parameter.
 */
final class ArgumentBinder {

	private ArgumentBinder() {
	}

	/**
	 * Binds parameters given as text.
	 * @param function the function
	 * @param text every value given for each parameter
	 * @return the arguments, with defaults for the omitted parameters
	 * @throws InvalidParameterException as {@link #bind(Activation, Map)}
	 */
	static Arguments bindText(Activation function, Map<String, String[]> text) {
		return bind(function, Invocation.textArguments(text));
	}

	/**
	 * Binds the arguments of one call.
	 * @param function the function
	 * @param given every value given for each parameter
	 * @return the arguments, with defaults for the omitted parameters
	 * @throws InvalidParameterException if a parameter is unknown, repeated, malformed or
	 * out of range, or if a constraint between parameters does not hold
	 */
	static Arguments bind(Activation function, Map<String, List<ArgumentValue>> given) {
		Convention convention = convention(given.get(Convention.PARAMETER));
		for (Map.Entry<String, List<ArgumentValue>> entry : given.entrySet()) {
			if (entry.getKey().equals(Convention.PARAMETER)) {
				continue;
			}
			Parameter parameter = find(function, entry.getKey()).orElseThrow(() -> unknown(function, entry.getKey()));
			ParameterText.requireOnce(parameter.name(), entry.getValue().size(), parameter.allowed());
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Parameter parameter : function.parameters()) {
			List<ArgumentValue> value = given.get(parameter.name());
			values.put(parameter.name(),
					(value != null) ? parse(parameter, value.get(0)) : convention.defaultValue(function, parameter));
		}
		Arguments arguments = new Arguments(values, convention, convention.ownsKinksOf(function));
		for (Constraint constraint : function.constraints()) {
			if (!constraint.holds().test(arguments)) {
				Parameter parameter = find(function, constraint.parameter()).orElseThrow();
				throw new InvalidParameterException(parameter.name(),
						parameter.allowed() + ", with " + constraint.rule(),
						"The parameters of " + function.canonicalName() + " must satisfy " + constraint.rule()
								+ ", but they are " + describe(arguments) + ".");
			}
		}
		return arguments;
	}

	/**
	 * Reads the {@code convention} parameter, which every function takes: the library
	 * whose defaults apply; {@code pytorch} (the catalog's own) when omitted.
	 */
	private static Convention convention(List<ArgumentValue> given) {
		if (given == null) {
			return Convention.PYTORCH;
		}
		String allowed = "one of " + String.join(", ", Convention.labels());
		ParameterText.requireOnce(Convention.PARAMETER, given.size(), allowed);
		ArgumentValue value = given.get(0);
		return Optional.of(value)
			.filter(ArgumentValue.Text.class::isInstance)
			.flatMap((text) -> Convention.find(text.text()))
			.orElseThrow(() -> new InvalidParameterException(Convention.PARAMETER, allowed,
					"Parameter '" + Convention.PARAMETER + "' must be " + allowed + ", but was '"
							+ ParameterText.echo(value.text()) + "'."));
	}

	private static Optional<Parameter> find(Activation function, String name) {
		return function.parameters().stream().filter((p) -> p.name().equals(name)).findFirst();
	}

	private static InvalidParameterException unknown(Activation function, String name) {
		List<String> names = function.parameters().stream().map(Parameter::name).toList();
		if (names.isEmpty()) {
			return new InvalidParameterException(name, "none: " + function.canonicalName() + " takes no parameters",
					function.canonicalName() + " takes no parameters, but '" + ParameterText.echo(name)
							+ "' was given.");
		}
		return new InvalidParameterException(name, "one of the parameters " + String.join(", ", names),
				function.canonicalName() + " has no parameter '" + ParameterText.echo(name) + "'; its parameters are "
						+ String.join(", ", names) + ".");
	}

	private static Object parse(Parameter parameter, ArgumentValue value) {
		return switch (parameter.type()) {
			case NUMBER -> parseNumber(parameter, value);
			case NUMBERS -> parseList(parameter, value, ArgumentBinder::parseNumber);
			case AXIS -> parseAxis(parameter, value);
			case AXES -> parseList(parameter, value, ArgumentBinder::parseAxis);
			case CHOICE -> parseChoice(parameter, value);
		};
	}

	private static Double parseNumber(Parameter parameter, ArgumentValue given) {
		double value;
		if (given instanceof ArgumentValue.Number number) {
			value = number.value();
		}
		else {
			if (!ParameterText.DECIMAL.matcher(given.text()).matches()) {
				throw invalid(parameter, "must be a plain decimal number such as 0.25 or 1e-3", given);
			}
			value = Double.parseDouble(given.text());
		}
		if (!Double.isFinite(value)) {
			throw invalid(parameter, "must be a finite number, within the range of a double", given);
		}
		if (!parameter.range().contains(value)) {
			throw invalid(parameter, "must lie in " + parameter.range(), given);
		}
		return value;
	}

	/**
	 * One value, or a comma-separated list of them, each read by {@code one}: the value
	 * itself for one, an unmodifiable list for more. A faulty element is answered with
	 * {@code one}'s problem, prefixed with its position in the list. That a list of axes
	 * names distinct axes within the rank is checked with the input
	 * ({@link PreparedCall#check}).
	 */
	private static Object parseList(Parameter parameter, ArgumentValue given,
			BiFunction<Parameter, ArgumentValue, Object> one) {
		String[] items = given.text().split(",", -1);
		if (given instanceof ArgumentValue.Number || items.length == 1) {
			return one.apply(parameter, given);
		}
		List<Object> values = new ArrayList<>(items.length);
		for (int i = 0; i < items.length; i++) {
			try {
				values.add(one.apply(parameter, new ArgumentValue.Text(items[i].trim())));
			}
			catch (InvalidParameterException ex) {
				throw new InvalidParameterException(parameter.name(), parameter.allowed(), "In the list '"
						+ ParameterText.echo(given.text()) + "', element " + i + ": " + ex.getBody().getDetail());
			}
		}
		return List.copyOf(values);
	}

	private static Integer parseAxis(Parameter parameter, ArgumentValue given) {
		if (given instanceof ArgumentValue.Number number) {
			double value = number.value();
			if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
				throw invalid(parameter, "must be an integer such as -1 or 0", given);
			}
			return (int) value;
		}
		if (!ParameterText.INTEGER.matcher(given.text()).matches()) {
			throw invalid(parameter, "must be an integer such as -1 or 0", given);
		}
		try {
			return Integer.valueOf(given.text());
		}
		catch (NumberFormatException ex) {
			throw invalid(parameter, "must be an integer within the rank of values", given);
		}
	}

	private static String parseChoice(Parameter parameter, ArgumentValue given) {
		String raw = given.text();
		return parameter.choices()
			.stream()
			.filter((choice) -> (given instanceof ArgumentValue.Text) && choice.equalsIgnoreCase(raw.trim()))
			.findFirst()
			.orElseThrow(() -> invalid(parameter, "must be one of " + String.join(", ", parameter.choices()), given));
	}

	private static InvalidParameterException invalid(Parameter parameter, String rule, ArgumentValue given) {
		return new InvalidParameterException(parameter.name(), parameter.allowed(), "Parameter '" + parameter.name()
				+ "' " + rule + ", but was '" + ParameterText.echo(given.text()) + "'.");
	}

	private static String describe(Arguments arguments) {
		StringBuilder text = new StringBuilder();
		arguments.asMap().forEach((name, value) -> {
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(name).append(" = ").append(value);
		});
		return text.toString();
	}

}
