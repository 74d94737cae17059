package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the forecaster's native-image configuration (DJL/PyTorch JNI upcalls, Jackson types,
 * resources) honest where no GraalVM is available: every class, constructor, method and field it
 * names exists, every Java class libdjl_torch.so looks up by name is registered for JNI, and every
 * resource pattern matches a resource that is really on the classpath.
 */
class NativeImageConfigTest {

    private static final String DIR = "META-INF/native-image/io.volsurf/forecaster-model/";
    private static final String DJL_JNI = "META-INF/native-image/ai/djl/pytorch/pytorch-native/jni-config.json";
    private static final String JNI_LIBRARY = "jnilib/linux-x86_64/cpu/libdjl_torch.so";
    private static final Pattern ENTRY = Pattern.compile("\\{\\s*\"name\"\\s*:\\s*\"([^\"<]+)\"(.*?)\\n  \\}",
            Pattern.DOTALL);
    private static final Pattern MEMBER = Pattern.compile(
            "\"name\"\\s*:\\s*\"([^\"]+)\"(?:\\s*,\\s*\"parameterTypes\"\\s*:\\s*\\[((?:\\s*\"[^\"]*\"\\s*,?)*)\\s*\\])?");

    @Test
    void everyNamedClassAndMemberExists() throws Exception {
        for (String file : List.of("jni-config.json", "reflect-config.json")) {
            Matcher entry = ENTRY.matcher(read(DIR + file));
            int entries = 0;
            while (entry.find()) {
                entries++;
                Class<?> type = load(file, entry.group(1));
                Matcher member = MEMBER.matcher(entry.group(2));
                while (member.find()) {
                    checkMember(file, type, member.group(1), member.group(2));
                }
            }
            assertTrue(entries > 0, file + " has no entry");
        }
    }

    @Test
    void everyClassLibdjlTorchLooksUpIsRegisteredForJni() throws IOException {
        byte[] library;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(JNI_LIBRARY)) {
            assertNotNull(in, JNI_LIBRARY + " is not on the test classpath (pytorch-jni)");
            library = in.readAllBytes();
        }
        Set<String> lookedUp = new TreeSet<>();
        for (String s : printableStrings(library)) {
            if (s.matches("(java|javax|ai|org)/[A-Za-z0-9_/$]+") && !s.startsWith("ai/djl/pytorch/jni/PyTorchLibrary")) {
                lookedUp.add(s.replace('/', '.'));
            }
        }
        assertTrue(lookedUp.contains("ai.djl.engine.EngineException"), "no class names found in " + JNI_LIBRARY);
        Set<String> registered = new TreeSet<>(classNames(read(DIR + "jni-config.json")));
        registered.addAll(classNames(read(DJL_JNI)));
        lookedUp.removeAll(registered);
        assertTrue(lookedUp.isEmpty(), JNI_LIBRARY + " looks up " + lookedUp + ", registered for JNI nowhere");
    }

    @Test
    void everyResourcePatternMatchesAClasspathResource() throws IOException {
        Matcher m = Pattern.compile("\"pattern\"\\s*:\\s*\"\\\\\\\\Q([^\"]+)\\\\\\\\E\"")
                .matcher(read(DIR + "resource-config.json"));
        int patterns = 0;
        while (m.find()) {
            patterns++;
            assertNotNull(getClass().getClassLoader().getResource(m.group(1)),
                    "resource-config.json includes " + m.group(1) + ", which is on no jar of the classpath");
        }
        assertTrue(patterns > 0, "resource-config.json has no literal pattern");
    }

    private static void checkMember(String file, Class<?> type, String name, String parameterList) {
        String where = file + ": " + type.getName() + "." + name;
        try {
            if (parameterList == null) {
                type.getDeclaredField(name);
                return;
            }
            List<Class<?>> parameters = new ArrayList<>();
            for (String p : parameterList.split(",")) {
                String t = p.strip().replace("\"", "");
                if (!t.isEmpty()) {
                    parameters.add(primitiveOrClass(t));
                }
            }
            Class<?>[] types = parameters.toArray(new Class<?>[0]);
            if (name.equals("<init>")) {
                type.getDeclaredConstructor(types);
            } else {
                type.getMethod(name, types);
            }
        } catch (ReflectiveOperationException e) {
            fail(where + " does not exist: " + e);
        }
    }

    private static Class<?> primitiveOrClass(String name) throws ClassNotFoundException {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "boolean" -> boolean.class;
            case "byte[]" -> byte[].class;
            default -> Class.forName(name);
        };
    }

    private static Class<?> load(String file, String name) {
        try {
            return Class.forName(name, false, NativeImageConfigTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(file + " names " + name + ", which does not exist", e);
        }
    }

    private static List<String> classNames(String json) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Runs of at least 6 printable ASCII bytes, like strings(1). */
    private static List<String> printableStrings(byte[] bytes) {
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7f) {
                run.write(b);
            } else {
                if (run.size() >= 6) {
                    out.add(run.toString(StandardCharsets.US_ASCII));
                }
                run.reset();
            }
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = NativeImageConfigTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                fail(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
