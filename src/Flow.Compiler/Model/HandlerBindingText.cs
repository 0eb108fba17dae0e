using Flow.Compiler.Text;

namespace Flow.Compiler.Model;

/// <summary>
/// A task's binding to a handler by name, as written: the attribute (<c>camunda:delegateExpression</c>,
/// <c>camunda:class</c>, <c>camunda:expression</c>, or <c>flow:handler</c> when a file is compiled
/// with bindings by name), its text and where it is.
/// </summary>
public sealed record HandlerBindingText(string Attribute, string Text, SourceSpan Span);
