package io.volsurf.backtest.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine;

/**
 * {@code --help} (and {@code help COMMAND}) printed before Quarkus boots: the usage text needs the commands' picocli
 * model only, not their services, and booting the application cost most of the 3.7 s that help took. Commands are
 * built with empty services (never run: only help is printed); anything that is not plainly a help request, or that
 * fails to build, goes the normal way through Quarkus.
 */
public final class HelpWithoutBoot {

    private HelpWithoutBoot() {
    }

    /** Prints the help {@code args} ask for and returns true; false when Quarkus must handle them. */
    public static boolean print(String[] args) {
        try {
            CommandLine cl = VolsurfCommand.commandLine(new ModelOnlyFactory());
            return CommandLine.printHelpIfRequested(cl.parseArgs(args));
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Builds commands whose constructors take services with those services absent (Strings: their defaults). */
    static final class ModelOnlyFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return CommandLine.defaultFactory().create(cls);
            } catch (Exception noDefaultConstructor) {
                Constructor<?> k = cls.getDeclaredConstructors()[0];
                k.setAccessible(true);
                Parameter[] params = k.getParameters();
                Object[] values = new Object[params.length];
                for (int i = 0; i < params.length; i++) {
                    values[i] = placeholder(params[i]);
                }
                return cls.cast(k.newInstance(values));
            }
        }

        private static Object placeholder(Parameter p) {
            Class<?> t = p.getType();
            if (t == String.class) {
                ConfigProperty c = p.getAnnotation(ConfigProperty.class);
                return c != null && !c.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE) ? c.defaultValue() : "";
            }
            if (t == boolean.class) {
                return false;
            }
            if (t.isPrimitive()) {
                return t == long.class ? 0L : t == double.class ? 0.0 : t == float.class ? 0f : t == char.class ? '\0'
                        : t == short.class ? (short) 0 : t == byte.class ? (byte) 0 : 0;
            }
            return null;
        }
    }
}
