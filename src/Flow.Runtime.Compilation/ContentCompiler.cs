using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Flow.Compiler;
using Flow.Compiler.Diagnostics;
using Flow.Deployment;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flow.Compilation;

/// <summary>A diagram compiled into a flow assembly, with what a manifest needs to list it.</summary>
internal sealed record CompiledContent(BpmnContent Content, string AssemblyName, byte[] Assembly, IReadOnlyList<ManifestProcess> Processes, IReadOnlyList<ContentDiagnostic> Warnings);

/// <summary>
/// Compiles a diagram's text as the build does (Flow.Compiler, then Roslyn), in memory: the
/// diagram's FLOW diagnostics and the C# compiler's are reported at their line and column in the
/// text. Tasks bind to handlers by name (there is no partial class to write). Deterministic: the
/// same text gives the same bytes, so identical text is recognised as identical content.
/// </summary>
internal sealed class ContentCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    /// <summary>
    /// The global usings a project gets from the SDK's ImplicitUsings, so a diagram's types
    /// (<c>flow:variable type="List&lt;string&gt;"</c>, <c>flow:type</c>) mean at run time what they mean
    /// in a build. Only the namespaces a script may use; System.IO, System.Net.Http and
    /// System.Threading stay out (their APIs are denied to content anyway, FLOW6252).
    /// </summary>
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText(
        "global using global::System;\n" +
        "global using global::System.Collections.Generic;\n" +
        "global using global::System.Linq;\n" +
        "global using global::System.Threading.Tasks;\n",
        ParseOptions, path: "ImplicitUsings.g.cs", encoding: Encoding.UTF8);

    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly string _namespace;

    public ContentCompiler(IReadOnlyList<MetadataReference> references, string rootNamespace)
    {
        _references = references;
        _namespace = rootNamespace;
    }

    public CompiledContent Compile(BpmnContent content, CancellationToken cancellationToken)
    {
        var path = content.Key + ".bpmn";
        var diagnostics = new List<ContentDiagnostic>();
        var result = FlowCompiler.Compile(new FlowFile(path, content.Text, _namespace) { BindHandlersByName = true }, cancellationToken);
        diagnostics.AddRange(result.Diagnostics.Select(d => new ContentDiagnostic(
            content.Key, d.Id, d.Severity == FlowSeverity.Error, d.Message, d.Span.StartLine, d.Span.StartColumn)));
        if (diagnostics.Any(d => d.IsError) || result.Sources.Count == 0)
        {
            throw Failed(content, "the diagram has errors", diagnostics);
        }

        var assemblyName = AssemblyNameOf(content);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            result.Sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.HintName, encoding: Encoding.UTF8, cancellationToken: cancellationToken)).Append(ImplicitUsings),
            _references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true,
                allowUnsafe: false,
                concurrentBuild: false));

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: cancellationToken);
        diagnostics.AddRange(emitted.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => ToContent(content.Key, path, d)));
        if (!emitted.Success)
        {
            throw Failed(content, "its C# does not compile", diagnostics);
        }

        var denied = ContentApiRules.Violations(compilation, path)
            .Select(v => new ContentDiagnostic(content.Key, CompilationErrors.DeniedApi, true, $"'{v.Name}' is not available to a diagram deployed as content", v.Where.StartLinePosition.Line + 1, v.Where.StartLinePosition.Character + 1))
            .ToList();
        if (denied.Count > 0)
        {
            diagnostics.AddRange(denied);
            throw Failed(content, "its code uses what content may not use", diagnostics);
        }

        var bytes = stream.ToArray();
        return new CompiledContent(content, assemblyName, bytes, ReadProcesses(bytes, path), diagnostics);
    }

    /// <summary>
    /// Compiles several diagrams into one assembly (one deployment holding them all), as the build
    /// compiles a project's diagrams. Every diagram's diagnostics are reported at their line and
    /// column in its own text; the assembly's name comes from every key and text, so the same set
    /// gives the same bytes.
    /// </summary>
    public CompiledContent CompileAll(string deploymentName, IReadOnlyList<BpmnContent> contents, CancellationToken cancellationToken)
    {
        var diagnostics = new List<ContentDiagnostic>();
        var trees = new List<SyntaxTree>();
        var setHash = new StringBuilder();
        foreach (var content in contents.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var path = content.Key + ".bpmn";
            var result = FlowCompiler.Compile(new FlowFile(path, content.Text, _namespace) { BindHandlersByName = true }, cancellationToken);
            diagnostics.AddRange(result.Diagnostics.Select(d => new ContentDiagnostic(
                content.Key, d.Id, d.Severity == FlowSeverity.Error, d.Message, d.Span.StartLine, d.Span.StartColumn)));
            trees.AddRange(result.Sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: content.Key + "/" + s.HintName, encoding: Encoding.UTF8, cancellationToken: cancellationToken)));
            setHash.Append(content.Key).Append('\n').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.Text)))).Append('\n');
        }

        var first = contents[0];
        if (diagnostics.Any(d => d.IsError) || trees.Count == 0)
        {
            throw Failed(first, $"deployment '{deploymentName}': a diagram has errors", diagnostics);
        }

        trees.Add(ImplicitUsings);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(setHash.ToString()))).ToLowerInvariant();
        var assemblyName = "Flow.Content." + deploymentName + "." + hash.Substring(0, 16);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            _references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true,
                allowUnsafe: false,
                concurrentBuild: false));

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: cancellationToken);
        foreach (var d in emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            var mapped = d.Location.GetMappedLineSpan().Path;
            var owner = contents.FirstOrDefault(c => mapped == c.Key + ".bpmn") ?? first;
            diagnostics.Add(ToContent(owner.Key, owner.Key + ".bpmn", d));
        }

        if (!emitted.Success)
        {
            throw Failed(first, $"deployment '{deploymentName}': its C# does not compile", diagnostics);
        }

        var denied = contents
            .SelectMany(c => ContentApiRules.Violations(compilation, c.Key + ".bpmn").Select(v => new ContentDiagnostic(c.Key, CompilationErrors.DeniedApi, true, $"'{v.Name}' is not available to a diagram deployed as content", v.Where.StartLinePosition.Line + 1, v.Where.StartLinePosition.Character + 1)))
            .ToList();
        if (denied.Count > 0)
        {
            diagnostics.AddRange(denied);
            throw Failed(first, $"deployment '{deploymentName}': code uses what content may not use", diagnostics);
        }

        var bytes = stream.ToArray();
        // path "": each process names the diagram it came from (its [FlowProcess] source file, "key.bpmn").
        return new CompiledContent(first, assemblyName, bytes, ReadProcesses(bytes, ""), diagnostics);
    }

    /// <summary>The assembly name of one diagram compiled alone: its key and its text's hash (the same text, the same name and bytes).</summary>
    public static string AssemblyNameOf(BpmnContent content) =>
        "Flow.Content." + content.Key + "." + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.Text))).ToLowerInvariant().Substring(0, 16);

    private static ContentDiagnostic ToContent(string key, string path, Diagnostic diagnostic)
    {
        var where = diagnostic.Location.GetMappedLineSpan();
        var inText = where.IsValid && where.Path == path;
        return new ContentDiagnostic(
            key,
            diagnostic.Id,
            diagnostic.Severity == DiagnosticSeverity.Error,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + (inText ? "" : $" (in generated code {where.Path})"),
            inText ? where.StartLinePosition.Line + 1 : 0,
            inText ? where.StartLinePosition.Character + 1 : 0);
    }

    private static ContentCompilationException Failed(BpmnContent content, string reason, IReadOnlyList<ContentDiagnostic> diagnostics) =>
        new(
            diagnostics.Any(d => d.Id == CompilationErrors.DeniedApi) ? CompilationErrors.DeniedApi : CompilationErrors.CompilationFailed,
            $"The diagram '{content.Key}' ({content.Origin ?? "content://" + content.Key}) was not deployed: {reason}; what is live stays live.",
            diagnostics);

    /// <summary>The [FlowProcess] attributes of the compiled types, read from metadata as the build task does.</summary>
    private static List<ManifestProcess> ReadProcesses(byte[] assembly, string path)
    {
        using var pe = new PEReader(new MemoryStream(assembly));
        var reader = pe.GetMetadataReader();
        var processes = new List<ManifestProcess>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            foreach (var attributeHandle in type.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (constructor.Parent.Kind != HandleKind.TypeReference
                    || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != nameof(FlowProcessAttribute))
                {
                    continue;
                }

                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16();
                var args = Enumerable.Range(0, 5).Select(_ => blob.ReadSerializedString()).ToArray();
                processes.Add(new ManifestProcess
                {
                    Key = args[0]!,
                    Name = args[1],
                    DefinitionHash = args[2]!,
                    File = path.Length == 0 ? System.IO.Path.GetFileName(args[3]) : path,
                    SourceHash = args[4],
                    Version = 1,
                    Type = reader.GetString(type.Namespace) + "." + reader.GetString(type.Name),
                });
            }
        }

        return processes;
    }
}
