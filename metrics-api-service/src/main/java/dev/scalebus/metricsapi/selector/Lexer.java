package dev.scalebus.metricsapi.selector;

/**
 * Tokens of the label selector grammar, as apimachinery's {@code labels.Lexer}: identifiers run until whitespace or
 * one of {@code , = ! ( ) < >}; {@code in} and {@code notin} are keywords only as whole identifiers.
 */
final class Lexer {

    enum Kind { IDENTIFIER, COMMA, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, NOT, OPEN, CLOSE, IN, NOT_IN, GREATER_THAN,
        LESS_THAN, END }

    record Token(Kind kind, String text) {
    }

    private final String input;
    private int pos;
    private Token peeked;

    Lexer(String input) {
        this.input = input;
    }

    Token peek() {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token scan() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
        if (pos >= input.length()) {
            return new Token(Kind.END, "");
        }
        char c = input.charAt(pos);
        char following = pos + 1 < input.length() ? input.charAt(pos + 1) : 0;
        switch (c) {
            case ',': pos++; return new Token(Kind.COMMA, ",");
            case '(': pos++; return new Token(Kind.OPEN, "(");
            case ')': pos++; return new Token(Kind.CLOSE, ")");
            case '<': pos++; return new Token(Kind.LESS_THAN, "<");
            case '>': pos++; return new Token(Kind.GREATER_THAN, ">");
            case '=':
                if (following == '=') {
                    pos += 2;
                    return new Token(Kind.DOUBLE_EQUALS, "==");
                }
                pos++;
                return new Token(Kind.EQUALS, "=");
            case '!':
                if (following == '=') {
                    pos += 2;
                    return new Token(Kind.NOT_EQUALS, "!=");
                }
                pos++;
                return new Token(Kind.NOT, "!");
            default:
                int start = pos;
                while (pos < input.length() && !special(input.charAt(pos))) {
                    pos++;
                }
                String word = input.substring(start, pos);
                return switch (word) {
                    case "in" -> new Token(Kind.IN, word);
                    case "notin" -> new Token(Kind.NOT_IN, word);
                    default -> new Token(Kind.IDENTIFIER, word);
                };
        }
    }

    private static boolean special(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '=' || c == '!' || c == '(' || c == ')' || c == '<'
                || c == '>';
    }
}
