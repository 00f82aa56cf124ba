package dev.falcoc.compiler.codegen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/** Reads the bytecode length of each method from class-file bytes (the Code attribute's code_length). */
final class ClassFiles {
    private ClassFiles() {}

    static Map<String, Integer> codeLengths(byte[] bytes) {
        ClassReader cr = new ClassReader(bytes);
        char[] buf = new char[cr.getMaxStringLength()];
        int off = cr.header + 6;
        off += 2 + 2 * cr.readUnsignedShort(off); // interfaces
        int fields = cr.readUnsignedShort(off);
        off += 2;
        for (int i = 0; i < fields; i++) off = skipAttributes(cr, off + 6);
        int methods = cr.readUnsignedShort(off);
        off += 2;
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < methods; i++) {
            String name = cr.readUTF8(off + 2, buf);
            int attrs = cr.readUnsignedShort(off + 6);
            off += 8;
            for (int a = 0; a < attrs; a++) {
                String an = cr.readUTF8(off, buf);
                int len = cr.readInt(off + 2);
                if (an.equals("Code")) out.put(name, cr.readInt(off + 10));
                off += 6 + len;
            }
        }
        return out;
    }

    private static int skipAttributes(ClassReader cr, int off) {
        int n = cr.readUnsignedShort(off);
        off += 2;
        for (int i = 0; i < n; i++) off += 6 + cr.readInt(off + 2);
        return off;
    }
}
