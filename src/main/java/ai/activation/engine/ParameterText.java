package ai.activation.engine;

import java.util.regex.Pattern;

/**
 * The rules for parameters given as text, shared by every parameter the service reads:
 * the function's own, the codec's ({@code dtype}, {@code shape}) and the graph's
 * ({@code from}, {@code to}). One definition of a plain decimal, of how much of a bad
 * value a problem echoes, and of the answer to a parameter given more than once.
 */
public final class ParameterText {

	/**
	 * A plain decimal: optional sign, digits with an optional fraction (or a fraction
	 * alone), optional exponent. No hexadecimal, no {@code NaN}, no {@code Infinity}, no
	 * spaces, no type suffix.
	 */
	public static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

	/** An integer: optional sign and digits. */
	public static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

	/** The most characters of a caller's value that a problem repeats. */
	static final int MAX_ECHOED_LENGTH = 40;

	private ParameterText() {
	}

	/**
	 * Shortens a caller's value for a problem's detail.
	 * @param raw the value as given
	 * @return the value, or its first {@value #MAX_ECHOED_LENGTH} characters and
	 * {@code ...}
	 */
	public static String echo(String raw) {
		return (raw.length() > MAX_ECHOED_LENGTH) ? raw.substring(0, MAX_ECHOED_LENGTH) + "..." : raw;
	}

	/**
	 * Refuses a parameter given more than once.
	 * @param name the parameter's name
	 * @param count how many times it was given
	 * @param allowed what it allows, in words
	 * @throws InvalidParameterException if {@code count} is not 1
	 */
	public static void requireOnce(String name, int count, String allowed) {
		if (count != 1) {
			throw new InvalidParameterException(name, allowed,
					"Parameter '" + name + "' is given " + count + " times; give it once.");
		}
	}

}
