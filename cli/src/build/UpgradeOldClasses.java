import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the shaded jar: rewrites class files older than Java 6 (picocli ships Java 5 ones)
 * as Java 8 class files with stack map frames. The JDK's AOT cache cannot hold pre-Java-6 classes,
 * so the ~170 picocli classes every command loads were read, verified by the old type-inferring
 * verifier and linked from the jar on each start; the bytecode itself is unchanged.
 * Run as: java -cp falcoc.jar UpgradeOldClasses.java falcoc.jar
 */
public final class UpgradeOldClasses {
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int n = 0;
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(new FileOutputStream(tmp.toFile()))) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                byte[] b = in.getInputStream(e).readAllBytes();
                if (e.getName().endsWith(".class") && b.length > 8 && (((b[6] & 0xff) << 8) | (b[7] & 0xff)) < Opcodes.V1_6) {
                    b = upgrade(b);
                    n++;
                }
                ZipEntry o = new ZipEntry(e.getName());
                o.setTime(e.getTime());
                out.putNextEntry(o);
                out.write(b);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[falcoc] " + n + " pre-Java-6 class files rewritten as Java 8 (AOT-cacheable)");
    }

    private static byte[] upgrade(byte[] b) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // frames need common superclasses: load them from the jar being rewritten (on the classpath)
            @Override
            protected ClassLoader getClassLoader() {
                return UpgradeOldClasses.class.getClassLoader();
            }
        };
        new ClassReader(b).accept(new ClassVisitor(Opcodes.ASM9, cw) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return cw.toByteArray();
    }
}
