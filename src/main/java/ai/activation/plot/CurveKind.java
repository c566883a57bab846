package ai.activation.plot;

import java.util.List;
import java.util.Locale;

import ai.activation.engine.InvalidParameterException;
import ai.activation.engine.ParameterText;

/**
 * What a graph draws, from the {@code curve} query parameter: the function's value (the
 * default), its derivative, or both.
 */
enum CurveKind {

	/** The function's value. */
	VALUE,

	/** The derivative d/dx of the plotted curve. */
	DERIVATIVE,

	/** Both, on the same axes. */
	BOTH;

	/** The query parameter. */
	static final String PARAMETER = "curve";

	private static final String ALLOWED = "one of value (the default), derivative, both";

	/**
	 * Reads the parameter.
	 * @param given every value given for it; empty when omitted
	 * @return the kind
	 * @throws InvalidParameterException if it is repeated or not one of the words
	 */
	static CurveKind of(List<String> given) {
		if (given.isEmpty()) {
			return VALUE;
		}
		ParameterText.requireOnce(PARAMETER, given.size(), ALLOWED);
		String raw = given.get(0);
		for (CurveKind kind : values()) {
			if (kind.name().toLowerCase(Locale.ROOT).equalsIgnoreCase(raw.trim())) {
				return kind;
			}
		}
		throw new InvalidParameterException(PARAMETER, ALLOWED,
				"Parameter 'curve' must be value, derivative or both, but was '" + ParameterText.echo(raw) + "'.");
	}

	boolean value() {
		return this != DERIVATIVE;
	}

	boolean derivative() {
		return this != VALUE;
	}

}
