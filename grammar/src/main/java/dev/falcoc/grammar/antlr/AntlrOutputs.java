package dev.falcoc.grammar.antlr;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/** The %field references of an output format string, read with the ANTLR output grammar. */
public final class AntlrOutputs {
    private AntlrOutputs() {}

    /** One reference: where its '%' is, its width (0 if none), transformers, and field candidate. */
    public record Reference(int offset, int width, List<String> transformers, String fieldCandidate, int fieldOffset) {}

    /** The references in order; a malformed tail (e.g. a lone '%') simply ends the list. */
    public static List<Reference> references(String format) {
        FalcoOutputLexer lexer = new FalcoOutputLexer(CharStreams.fromString(format));
        FalcoOutputParser parser = new FalcoOutputParser(new CommonTokenStream(lexer));
        BaseErrorListener quiet = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object s, int l, int c, String m, RecognitionException e) { }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(quiet);
        parser.removeErrorListeners();
        parser.addErrorListener(quiet);
        List<Reference> out = new ArrayList<>();
        for (FalcoOutputParser.PartContext p : parser.format().part()) {
            FalcoOutputParser.ReferenceContext r = p.reference();
            if (r == null || r.FIELD_TEXT() == null) continue;
            List<String> transformers = r.TRANSFORMER().stream().map(t -> t.getText().substring(0, t.getText().length() - 1)).toList();
            int width = r.WIDTH() == null ? 0 : parseWidth(r.WIDTH().getText());
            out.add(new Reference(r.PERCENT().getSymbol().getStartIndex(), width, transformers,
                    r.FIELD_TEXT().getText(), r.FIELD_TEXT().getSymbol().getStartIndex()));
        }
        return out;
    }

    private static int parseWidth(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
