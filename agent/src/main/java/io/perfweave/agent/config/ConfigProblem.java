package io.perfweave.agent.config;

/**
 * Something wrong with the configuration, located precisely enough for the user to fix it.
 *
 * @param location where the offending setting is (file and line, agent argument or system property)
 * @param key      the key concerned, or {@code null} when the problem is not about one key
 */
public record ConfigProblem(String location, String key, String message) {

    @Override
    public String toString() {
        return key == null ? location + ": " + message : location + ": " + key + ": " + message;
    }
}
