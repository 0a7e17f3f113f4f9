package io.perfweave.sample;

/**
 * The raw request text could not be turned into an {@link OrderRequest}.
 */
public class MalformedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String message) {
        super(message);
    }
}
