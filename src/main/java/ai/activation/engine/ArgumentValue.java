package ai.activation.engine;

/**
 * One value given for a function's parameter, as the protocol delivered it: text to be
 * parsed, as a query string gives every value, or an already typed value, as a JSON
 * document gives numbers and strings. The engine checks either against the catalog with
 * the same rules and the same problems.
 */
public sealed interface ArgumentValue {

	/**
	 * Returns the value as the caller wrote it, for a problem's detail.
	 * @return the text
	 */
	String text();

	/**
	 * Text to be parsed: a plain decimal for a number, an integer for an axis, a word for
	 * a choice.
	 *
	 * @param text the value as given
	 */
	record Text(String text) implements ArgumentValue {
	}

	/**
	 * A number already parsed, e.g. from a JSON number.
	 *
	 * @param value the number; a non-finite one is refused by the engine
	 */
	record Number(double value) implements ArgumentValue {

		@Override
		public String text() {
			return (this.value == Math.rint(this.value) && Math.abs(this.value) < 1e15)
					? Long.toString((long) this.value) : Double.toString(this.value);
		}

	}

}
