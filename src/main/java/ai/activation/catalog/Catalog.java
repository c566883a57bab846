package ai.activation.catalog;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds catalog functions by name: case-insensitively, with {@code -} and {@code _}
 * interchangeable, through canonical names and aliases alike.
 */
public final class Catalog {

	private static final Map<String, Activation> BY_NAME = index();

	private Catalog() {
	}

	/**
	 * Returns every function, in catalog order.
	 * @return the functions
	 */
	public static List<Activation> all() {
		return List.of(Activation.values());
	}

	/**
	 * Finds a function by canonical name or alias.
	 * @param name the name as given, e.g. {@code "Leaky-ReLU"} or {@code "swish"}
	 * @return the function, or empty if no name matches
	 */
	public static Optional<Activation> find(String name) {
		return Optional.ofNullable(BY_NAME.get(normalize(name)));
	}

	/**
	 * Returns every accepted name: canonical names first, then aliases.
	 * @return the names
	 */
	public static List<String> names() {
		return Collections.unmodifiableList(Arrays.asList(BY_NAME.keySet().toArray(new String[0])));
	}

	static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace('-', '_');
	}

	private static Map<String, Activation> index() {
		Map<String, Activation> byName = new LinkedHashMap<>();
		for (Activation activation : Activation.values()) {
			register(byName, activation.canonicalName(), activation);
		}
		for (Activation activation : Activation.values()) {
			activation.aliases().forEach((alias) -> register(byName, alias, activation));
		}
		return Collections.unmodifiableMap(byName);
	}

	private static void register(Map<String, Activation> byName, String name, Activation activation) {
		Activation previous = byName.putIfAbsent(normalize(name), activation);
		if (previous != null) {
			throw new IllegalStateException("Name '" + name + "' is taken by " + previous.canonicalName());
		}
	}

}
