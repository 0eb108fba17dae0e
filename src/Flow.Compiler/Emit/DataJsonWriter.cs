using System;
using System.Collections.Generic;
using System.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Planning;
using static Flow.Compiler.Emit.CSharpLiterals;

namespace Flow.Compiler.Emit;

/// <summary>
/// The JSON of the generated data class, member by member over Utf8JsonWriter/Utf8JsonReader:
/// instance state, snapshots, start data and completion outputs go through it, so no flow type
/// reaches System.Text.Json's reflection caches. Each value goes through a
/// <c>global::Flow.JsonValues</c> call whose type C# infers from the member, so the diagram's
/// type text is written once (on the member, under #line) and a bad type is one error.
/// A user's own data type keeps the runtime's System.Text.Json fallback.
/// </summary>
internal static class DataJsonWriter
{
    private const string ClassName = "GeneratedDataJson";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Values = "global::Flow.JsonValues";

    public static void Write(SourceWriter writer, ProcessClassPlan plan)
    {
        if (plan.Data.IsCustom)
        {
            return;
        }

        if (plan.Data.Members.Count == 0)
        {
            // No variables declared (most Camunda exports): the runtime's shared empty-object JSON.
            writer.Line("/// <inheritdoc/>")
                .Line(Plumbing.Hidden)
                .Line("protected override global::Flow.DataJson<Data> DataJson => global::Flow.EmptyDataJson<Data>.Instance;")
                .Line();
            return;
        }

        writer.Line("/// <inheritdoc/>")
            .Line(Plumbing.Hidden)
            .Line("protected override global::Flow.DataJson<Data> DataJson => " + ClassName + ".Instance;")
            .Line()
            .Line("/// <summary>Reads and writes <see cref=\"Data\"/> as JSON, member by member (System.Text.Json's format, no reflection).</summary>")
            .OpenBlock("private sealed class " + ClassName + " : global::Flow.DataJson<Data>")
            .Line("public static readonly " + ClassName + " Instance = new();")
            .Line();
        if (plan.Data.Members.Count > 0)
        {
            writer.Line("/// <summary>Its members give the JsonValues calls their types; it is never changed.</summary>")
                .Line("private static readonly Data Types = new();")
                .Line();
        }

        // The member names once, not per call: escaped and encoded for the writer (a string name is
        // checked for escaping and transcoded on every write); a name the encoder leaves as it is
        // (ASCII letters, digits, _) is matched by the reader on the same bytes instead of a string
        // transcoded per comparison. Write passes the name with the value, so the common types go
        // out in one writer call for both.
        writer.Line("private static readonly global::System.Text.Json.JsonEncodedText[] Names = " + Values + ".Names("
            + string.Join(", ", plan.Data.Members.Select(m => String(JsonName(m.Name)))) + ");")
            .Line();

        writer.OpenBlock("public override void Write(" + Writer + " writer, Data data)")
            .Line("writer.WriteStartObject();");
        for (var i = 0; i < plan.Data.Members.Count; i++)
        {
            var member = plan.Data.Members[i];
            AtVariable(writer, plan, member, Values + ".Write(writer, Names[" + i + "], data." + member.Name + ");");
        }

        writer.Line("writer.WriteEndObject();")
            .CloseBlock()
            .Line();

        // The reader stands on the object's start; unknown members are skipped, as System.Text.Json does.
        writer.OpenBlock("public override Data Read(ref " + Reader + " reader)")
            .Line("var data = new Data();")
            .OpenBlock("while (" + Values + ".NextMember(ref reader))");
        var first = true;
        for (var i = 0; i < plan.Data.Members.Count; i++)
        {
            var member = plan.Data.Members[i];
            var name = String(JsonName(member.Name));
            var match = EncodesAsItIs(JsonName(member.Name)) ? "Names[" + i + "].EncodedUtf8Bytes" : name;
            writer.OpenBlock((first ? "if" : "else if") + " (reader.ValueTextEquals(" + match + "))")
                .Line("reader.Read();");
            AtVariable(writer, plan, member, "data." + member.Name + " = " + Values + ".Read(ref reader, " + name + ", data." + member.Name + ")!;");
            writer.CloseBlock();
            first = false;
        }

        if (first)
        {
            writer.Line("reader.Skip();");
        }
        else
        {
            writer.OpenBlock("else")
                .Line("reader.Skip();")
                .CloseBlock();
        }

        writer.CloseBlock()
            .Line()
            .Line("return data;")
            .CloseBlock()
            .Line();

        // A completion's output: read now, set later (every output is checked before the data changes).
        writer.OpenBlock("public override global::System.Action<Data>? ReadOutput(ref " + Reader + " reader, string name)")
            .OpenBlock("switch (name)");
        foreach (var member in plan.Data.Members)
        {
            var name = String(JsonName(member.Name));
            writer.OpenBlock("case " + name + ":");
            AtVariable(
                writer,
                plan,
                member,
                "var value = " + Values + ".Read(ref reader, " + name + ", Types." + member.Name + ");",
                "return data => data." + member.Name + " = value!;");
            writer.CloseBlock();
        }

        writer.Line("default:")
            .Line("\treturn null;")
            .CloseBlock()
            .CloseBlock();

        // The same, set at once (a completion checks every output with null data first): no closure
        // per output. Only for the members wait states declare as outputs (the only ones a
        // completion reads this way), so a process without them carries none of it; anything else
        // goes to the base, through ReadOutput.
        var declared = new HashSet<string>(plan.WaitStates.SelectMany(w => w.Outputs).Select(o => o.Name), StringComparer.Ordinal);
        var outputs = plan.Data.Members.Where(m => declared.Contains(JsonName(m.Name))).ToList();
        if (outputs.Count == 0)
        {
            writer.CloseBlock().Line();
            return;
        }

        writer.Line()
            .OpenBlock("public override bool ReadOutputInto(ref " + Reader + " reader, string name, Data? data)")
            .OpenBlock("switch (name)");
        foreach (var member in outputs)
        {
            var name = String(JsonName(member.Name));
            writer.OpenBlock("case " + name + ":");
            AtVariable(
                writer,
                plan,
                member,
                "var value = " + Values + ".Read(ref reader, " + name + ", Types." + member.Name + ");",
                "if (data is not null) data." + member.Name + " = value!;");
            writer.Line("return true;");
            writer.CloseBlock();
        }

        writer.Line("default:")
            .Line("\treturn base.ReadOutputInto(ref reader, name, data);")
            .CloseBlock()
            .CloseBlock()
            .CloseBlock()
            .Line();
    }

    /// <summary>
    /// Writes lines that use a variable under a <c>#line</c> to its declaration in the .bpmn: a type
    /// the C# compiler refuses (an XSD QName such as <c>xs:string</c> from a data object) is
    /// reported there, with whatever follows from it, never in generated code.
    /// </summary>
    private static void AtVariable(SourceWriter writer, ProcessClassPlan plan, VariableDeclaration member, params string[] lines)
    {
        var directive = LineMappings.Directive(plan.SourcePath, member.Span, writer.Indentation.Length);
        if (directive is not null)
        {
            writer.RawLine(directive);
        }

        foreach (var line in lines)
        {
            writer.Line(line);
        }

        if (directive is not null)
        {
            writer.RawLine("#line default");
        }
    }

    /// <summary>Whether System.Text.Json's default encoder writes the name unescaped (then its encoded bytes are its UTF-8).</summary>
    private static bool EncodesAsItIs(string name) => name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    /// <summary>The member's name in JSON: its C# name without a verbatim @, as System.Text.Json names it.</summary>
    private static string JsonName(string name) => name.TrimStart('@');
}
