package ai.activation.activate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Constraint;
import ai.activation.catalog.Parameter;

import org.springframework.stereotype.Component;

/**
 * Builds a function's {@link Arguments} from the query parameters, driven by the
 * catalog's parameter list: numbers must be plain finite decimals within their range,
 * axes integers, choices one of their words; cross-parameter constraints are checked once
 * the defaults are filled in. Every fault is an {@link InvalidParameterException} naming
 * the parameter. The codec parameters ({@link TensorEncoding#PARAMETERS}) are not the
 * function's; they are left to {@link TensorEncoding}.
 */
@Component
class ArgumentBinder {

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

	private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

	private static final int MAX_ECHOED_LENGTH = 40;

	/**
	 * Binds the query parameters of one call.
	 * @param function the function
	 * @param query every query parameter by name, with all the values given for it
	 * @return the arguments, with defaults for the omitted parameters
	 * @throws InvalidParameterException if a parameter is unknown, repeated, malformed or
	 * out of range, or if a constraint between parameters does not hold
	 */
	Arguments bind(Activation function, Map<String, String[]> query) {
		for (Map.Entry<String, String[]> entry : query.entrySet()) {
			if (TensorEncoding.PARAMETERS.contains(entry.getKey())) {
				continue;
			}
			Parameter parameter = find(function, entry.getKey()).orElseThrow(() -> unknown(function, entry.getKey()));
			if (entry.getValue().length != 1) {
				throw new InvalidParameterException(parameter.name(), parameter.allowed(), "Parameter '"
						+ parameter.name() + "' is given " + entry.getValue().length + " times; give it once.");
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Parameter parameter : function.parameters()) {
			String[] given = query.get(parameter.name());
			values.put(parameter.name(), (given != null) ? parse(parameter, given[0]) : parameter.defaultValue());
		}
		Arguments arguments = new Arguments(values);
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

	private static Optional<Parameter> find(Activation function, String name) {
		return function.parameters().stream().filter((p) -> p.name().equals(name)).findFirst();
	}

	private static InvalidParameterException unknown(Activation function, String name) {
		List<String> names = function.parameters().stream().map(Parameter::name).toList();
		if (names.isEmpty()) {
			return new InvalidParameterException(name, "none: " + function.canonicalName() + " takes no parameters",
					function.canonicalName() + " takes no parameters, but '" + echo(name) + "' was given.");
		}
		return new InvalidParameterException(name, "one of the parameters " + String.join(", ", names),
				function.canonicalName() + " has no parameter '" + echo(name) + "'; its parameters are "
						+ String.join(", ", names) + ".");
	}

	private static Object parse(Parameter parameter, String raw) {
		return switch (parameter.type()) {
			case NUMBER -> parseNumber(parameter, raw);
			case AXIS -> parseAxis(parameter, raw);
			case CHOICE -> parseChoice(parameter, raw);
		};
	}

	private static Double parseNumber(Parameter parameter, String raw) {
		if (!DECIMAL.matcher(raw).matches()) {
			throw invalid(parameter, "must be a plain decimal number such as 0.25 or 1e-3", raw);
		}
		double value = Double.parseDouble(raw);
		if (Double.isInfinite(value)) {
			throw invalid(parameter, "must be a finite number, within the range of a double", raw);
		}
		if (!parameter.range().contains(value)) {
			throw invalid(parameter, "must lie in " + parameter.range(), raw);
		}
		return value;
	}

	private static Integer parseAxis(Parameter parameter, String raw) {
		if (!INTEGER.matcher(raw).matches()) {
			throw invalid(parameter, "must be an integer such as -1 or 0", raw);
		}
		try {
			return Integer.valueOf(raw);
		}
		catch (NumberFormatException ex) {
			throw invalid(parameter, "must be an integer within the rank of values", raw);
		}
	}

	private static String parseChoice(Parameter parameter, String raw) {
		return parameter.choices()
			.stream()
			.filter((choice) -> choice.equalsIgnoreCase(raw.trim()))
			.findFirst()
			.orElseThrow(() -> invalid(parameter, "must be one of " + String.join(", ", parameter.choices()), raw));
	}

	private static InvalidParameterException invalid(Parameter parameter, String rule, String raw) {
		return new InvalidParameterException(parameter.name(), parameter.allowed(),
				"Parameter '" + parameter.name() + "' " + rule + ", but was '" + echo(raw) + "'.");
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

	private static String echo(String raw) {
		return (raw.length() > MAX_ECHOED_LENGTH) ? raw.substring(0, MAX_ECHOED_LENGTH) + "..." : raw;
	}

}
