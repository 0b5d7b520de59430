package dev.credence.core;

/**
 * A user's mistake (bad file, bad suite field, bad hyperparameter): the message is one line that names
 * the file, line or field, and the command line prints it without a stack trace.
 */
public class CredenceInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, line or field at fault */
    public CredenceInputException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file, line or field at fault
     * @param cause the underlying exception
     */
    public CredenceInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
