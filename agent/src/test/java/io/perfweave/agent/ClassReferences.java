package io.perfweave.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * What one compiled class refers to: every type (internal names such as {@code java/lang/String})
 * named anywhere in it, from its super types to the operands of its instructions and its generic
 * signatures, and every field and method it uses ({@code owner.name}).
 */
final class ClassReferences {

    final String className;
    final Set<String> types = new TreeSet<>();
    final Set<String> members = new TreeSet<>();

    private ClassReferences(String className) {
        this.className = className;
    }

    static ClassReferences of(Path classFile) {
        try {
            return of(Files.readAllBytes(classFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClassReferences of(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassReferences references = new ClassReferences(reader.getClassName());
        reader.accept(references.new Collector(), 0);
        return references;
    }

    private void internalName(String name) {
        if (name != null) {
            type(name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name));
        }
    }

    private void descriptor(String descriptor) {
        if (descriptor != null) {
            type(Type.getType(descriptor));
        }
    }

    private void type(Type type) {
        switch (type.getSort()) {
            case Type.ARRAY -> type(type.getElementType());
            case Type.OBJECT -> types.add(type.getInternalName());
            case Type.METHOD -> {
                type(type.getReturnType());
                for (Type argument : type.getArgumentTypes()) {
                    type(argument);
                }
            }
            default -> {
                // primitive: nothing to record
            }
        }
    }

    private void signature(String signature) {
        if (signature == null) {
            return;
        }
        new SignatureReader(signature).accept(new SignatureVisitor(Opcodes.ASM9) {
            @Override
            public void visitClassType(String name) {
                internalName(name);
            }
        });
    }

    private void constant(Object value) {
        if (value instanceof Type type) {
            type(type);
        } else if (value instanceof Handle handle) {
            internalName(handle.getOwner());
            descriptor(handle.getDesc());
            members.add(handle.getOwner() + "." + handle.getName());
        } else if (value instanceof ConstantDynamic dynamic) {
            descriptor(dynamic.getDescriptor());
            constant(dynamic.getBootstrapMethod());
            for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                constant(dynamic.getBootstrapMethodArgument(i));
            }
        }
    }

    private AnnotationVisitor annotation(String descriptor) {
        descriptor(descriptor);
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                constant(value);
            }

            @Override
            public void visitEnum(String name, String enumDescriptor, String value) {
                descriptor(enumDescriptor);
            }

            @Override
            public AnnotationVisitor visitAnnotation(String name, String nestedDescriptor) {
                return annotation(nestedDescriptor);
            }

            @Override
            public AnnotationVisitor visitArray(String name) {
                return this;
            }
        };
    }

    private final class Collector extends ClassVisitor {

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            internalName(name);
            internalName(superName);
            if (interfaces != null) {
                for (String anInterface : interfaces) {
                    internalName(anInterface);
                }
            }
            signature(signature);
        }

        @Override
        public void visitOuterClass(String owner, String name, String descriptor) {
            internalName(owner);
            descriptor(descriptor);
        }

        @Override
        public void visitNestHost(String nestHost) {
            internalName(nestHost);
        }

        @Override
        public void visitNestMember(String nestMember) {
            internalName(nestMember);
        }

        @Override
        public void visitPermittedSubclass(String permittedSubclass) {
            internalName(permittedSubclass);
        }

        @Override
        public void visitInnerClass(String name, String outerName, String innerName, int access) {
            internalName(name);
            internalName(outerName);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
            return annotation(descriptor);
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
            descriptor(descriptor);
            signature(signature);
            return new RecordComponentVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
                    return annotation(annotationDescriptor);
                }
            };
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            descriptor(descriptor);
            signature(signature);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
                    return annotation(annotationDescriptor);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            descriptor(descriptor);
            signature(signature);
            if (exceptions != null) {
                for (String exception : exceptions) {
                    internalName(exception);
                }
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
                    return annotation(annotationDescriptor);
                }

                @Override
                public AnnotationVisitor visitParameterAnnotation(int parameter, String annotationDescriptor,
                                                                  boolean visible) {
                    return annotation(annotationDescriptor);
                }

                @Override
                public AnnotationVisitor visitAnnotationDefault() {
                    return annotation(null);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    internalName(type);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
                    internalName(owner);
                    descriptor(fieldDescriptor);
                    members.add(owner + "." + fieldName);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
                                            boolean isInterface) {
                    internalName(owner);
                    descriptor(methodDescriptor);
                    members.add(owner + "." + methodName);
                }

                @Override
                public void visitInvokeDynamicInsn(String methodName, String methodDescriptor, Handle bootstrap,
                                                   Object... bootstrapArguments) {
                    descriptor(methodDescriptor);
                    constant(bootstrap);
                    for (Object argument : bootstrapArguments) {
                        constant(argument);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value);
                }

                @Override
                public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
                    descriptor(arrayDescriptor);
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    internalName(type);
                }

                @Override
                public void visitLocalVariable(String variableName, String variableDescriptor, String variableSignature,
                                               Label start, Label end, int index) {
                    descriptor(variableDescriptor);
                    signature(variableSignature);
                }

                @Override
                public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                    frameTypes(local, numLocal);
                    frameTypes(stack, numStack);
                }

                private void frameTypes(Object[] entries, int count) {
                    for (int i = 0; entries != null && i < count; i++) {
                        if (entries[i] instanceof String internalName) {
                            internalName(internalName);
                        }
                    }
                }
            };
        }
    }
}
