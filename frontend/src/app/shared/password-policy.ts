/** The shortest password the forms accept (the server enforces its own rules as well). */
export const MIN_PASSWORD_LENGTH = 10;
