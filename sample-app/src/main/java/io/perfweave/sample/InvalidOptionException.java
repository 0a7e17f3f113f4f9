package io.perfweave.sample;

/**
 * A command-line option was unknown, missing its value or had a value that makes no sense.
 * The message names the option so the user can fix the command line without reading code.
 */
public class InvalidOptionException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }
}
