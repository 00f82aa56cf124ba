package dev.falcoc.grammar.antlr;

import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.ast.Escaping;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.grammar.ast.Pos;
import dev.falcoc.grammar.antlr.FalcoConditionParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses a condition with the ANTLR grammar and builds the same AST as {@code ConditionParser}.
 * Editors and tools use it for token-level work (the lexer's modes say what kind of token sits
 * where); the compiler uses {@code ConditionParser}, whose messages and positions are Falco's.
 * The two agree on what they accept and on the tree (GrammarAgreementTest).
 */
public final class AntlrConditions {
    private AntlrConditions() {}

    /** The tokens of a condition, for highlighting; stops quietly at the first bad character. */
    public static List<Token> tokens(String condition) {
        FalcoConditionLexer lexer = new FalcoConditionLexer(CharStreams.fromString(condition));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) out.add(t);
        return out;
    }

    public static Expr parse(String condition) throws ParseException {
        FalcoConditionLexer lexer = new FalcoConditionLexer(CharStreams.fromString(condition));
        FalcoConditionParser parser = new FalcoConditionParser(new CommonTokenStream(lexer));
        Thrower thrower = new Thrower();
        lexer.removeErrorListeners();
        lexer.addErrorListener(thrower);
        parser.removeErrorListeners();
        parser.addErrorListener(thrower);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return new Builder().or(parser.condition().orExpr());
        } catch (ParseCancellationException e) {
            Token t = e.getCause() instanceof RecognitionException re ? re.getOffendingToken() : null;
            Pos at = t == null ? Pos.START : new Pos(t.getStartIndex(), t.getLine(), t.getCharPositionInLine() + 1);
            throw new ParseException("syntax error", at);
        } catch (SyntaxError e) {
            throw new ParseException(e.getMessage(), e.pos);
        }
    }

    private static final class SyntaxError extends RuntimeException {
        final Pos pos;

        SyntaxError(String m, Pos pos) {
            super(m, null, false, false);
            this.pos = pos;
        }
    }

    private static final class Thrower extends BaseErrorListener {
        @Override
        public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int col, String msg, RecognitionException e) {
            throw new SyntaxError(msg, new Pos(-1, line, col + 1));
        }
    }

    /** Parse tree to falcoc's AST, mirroring the shapes ConditionParser builds. */
    private static final class Builder {
        Expr or(OrExprContext c) {
            List<Expr> children = new ArrayList<>();
            children.add(and(c.andExpr(0)));
            int ai = 1, oi = 0;
            for (int i = 1; i < c.getChildCount(); i++) {
                if (!(c.getChild(i) instanceof TerminalNode t)) continue;
                int type = t.getSymbol().getType();
                if (type == FalcoConditionLexer.OR) children.add(and(c.andExpr(ai++)));
                else if (type == FalcoConditionLexer.OR_LPAREN) children.add(or(c.orExpr(oi++)));
            }
            return children.size() > 1 ? new Expr.Or(children, pos(c)) : children.getFirst();
        }

        Expr and(AndExprContext c) {
            List<Expr> children = new ArrayList<>();
            children.add(not(c.notExpr(0)));
            int ni = 1, oi = 0;
            for (int i = 1; i < c.getChildCount(); i++) {
                if (!(c.getChild(i) instanceof TerminalNode t)) continue;
                int type = t.getSymbol().getType();
                if (type == FalcoConditionLexer.AND) children.add(not(c.notExpr(ni++)));
                else if (type == FalcoConditionLexer.AND_LPAREN) children.add(or(c.orExpr(oi++)));
            }
            return children.size() > 1 ? new Expr.And(children, pos(c)) : children.getFirst();
        }

        Expr not(NotExprContext c) {
            boolean negate = c.NOT().size() % 2 == 1;
            Expr child;
            if (c.NOT_LPAREN() != null) {
                negate = !negate;
                child = or(c.orExpr());
            } else {
                child = check(c.check());
            }
            return negate ? new Expr.Not(child, pos(c)) : child;
        }

        Expr check(CheckContext c) {
            return switch (c) {
                case NestedContext n -> or(n.orExpr());
                case MacroRefContext m -> new Expr.Identifier(m.IDENTIFIER().getText(), pos(m));
                case UnaryCheckContext u -> new Expr.UnaryCheck(operand(u.left), "exists", pos(u));
                case NumCheckContext n -> new Expr.BinaryCheck(operand(n.left), n.NUM_OP().getText(), num(n.right), pos(n));
                case StrCheckContext s -> new Expr.BinaryCheck(operand(s.left), s.STR_OP().getText().trim(), str(s.right), pos(s));
                case ListCheckContext l -> new Expr.BinaryCheck(operand(l.left), listOp(l.LIST_OP().getText()), list(l.right), pos(l));
                default -> throw new IllegalStateException("unknown check " + c.getClass());
            };
        }

        static String listOp(String text) {
            for (String op : new String[] {"intersects", "in", "pmatch"}) if (text.endsWith(op)) return op;
            return text;
        }

        Expr operand(OperandContext c) {
            return c.FIELD() != null ? field(c.FIELD().getSymbol()) : transformer(c.transformer());
        }

        Expr transformer(TransformerContext c) {
            return new Expr.Transformer(name(c.TRANSFORMER()), body(c.transformerBody()), pos(c));
        }

        Expr body(TransformerBodyContext c) {
            if (c.FIELD() != null) return field(c.FIELD().getSymbol());
            NestedTransformerContext n = c.nestedTransformer();
            if (n.TA_CLOSE_FIELD() != null) {
                // The field written right after the nested ')' replaces it as the argument.
                Token t = n.TA_CLOSE_FIELD().getSymbol();
                return fieldFrom(t.getText().substring(1), t.getStartIndex() + 1, t.getLine(), t.getCharPositionInLine() + 2);
            }
            return new Expr.Transformer(name(n.TRANSFORMER()), body(n.transformerBody()), pos(n));
        }

        static String name(TerminalNode transformer) {
            String t = transformer.getText();
            return t.substring(0, t.length() - 1);
        }

        Expr val(ValCallContext c) {
            return new Expr.Transformer("val", field(c.FIELD().getSymbol()), pos(c));
        }

        Expr num(NumValueContext c) {
            if (c.NUMBER() != null) return new Expr.Value(c.NUMBER().getText(), pos(c));
            return c.valCall() != null ? val(c.valCall()) : transformer(c.transformer());
        }

        Expr str(StrValueContext c) {
            if (c.QUOTED() != null) return new Expr.Value(unquote(c.QUOTED().getText()), pos(c));
            if (c.BARE() != null) return new Expr.Value(c.BARE().getText(), pos(c));
            return c.valCall() != null ? val(c.valCall()) : transformer(c.transformer());
        }

        Expr list(ListValueContext c) {
            return switch (c) {
                case InlineListContext l -> {
                    List<String> values = new ArrayList<>();
                    for (ItemContext i : l.item()) values.add(i.QUOTED() != null ? unquote(i.QUOTED().getText()) : i.BARE().getText());
                    yield new Expr.ListValue(values, pos(l));
                }
                case BadFirstListContext b -> new Expr.ListValue(List.of(), pos(b));
                case NamedListContext n -> new Expr.Value(n.IDENTIFIER().getText(), pos(n));
                case ListValContext v -> val(v.valCall());
                case ListTransformerContext t -> transformer(t.transformer());
                default -> throw new IllegalStateException("unknown list value " + c.getClass());
            };
        }

        static Expr field(Token t) {
            return fieldFrom(t.getText(), t.getStartIndex(), t.getLine(), t.getCharPositionInLine() + 1);
        }

        static Expr fieldFrom(String text, int idx, int line, int col) {
            int open = text.indexOf('[');
            Pos p = new Pos(idx, line, col);
            if (open < 0) return new Expr.Field(text, "", p);
            String arg = text.substring(open + 1, text.length() - 1);
            if (!arg.isEmpty() && (arg.charAt(0) == '"' || arg.charAt(0) == '\'')) arg = unquote(arg);
            return new Expr.Field(text.substring(0, open), arg, p);
        }

        static String unquote(String quoted) {
            try {
                return Escaping.unescape(quoted);
            } catch (ParseException.Message e) {
                throw new IllegalStateException("lexer let an invalid quoted string through: " + quoted, e);
            }
        }

        static Pos pos(ParserRuleContext c) {
            Token t = c.getStart();
            return new Pos(t.getStartIndex(), t.getLine(), t.getCharPositionInLine() + 1);
        }
    }
}
