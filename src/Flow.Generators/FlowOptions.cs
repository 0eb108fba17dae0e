using Microsoft.CodeAnalysis.Diagnostics;

namespace Flow.Generators;

/// <summary>
/// MSBuild options the generator reads. Per file (item metadata on AdditionalFiles):
/// <c>FlowNamespace</c>, <c>FlowClassName</c>. Per project: <c>RootNamespace</c>, <c>ProjectDir</c>.
/// Each must be made visible with CompilerVisibleItemMetadata / CompilerVisibleProperty
/// (the package's props do that).
/// </summary>
internal static class FlowOptions
{
    public const string NamespaceMetadata = "build_metadata.AdditionalFiles.FlowNamespace";
    public const string ClassNameMetadata = "build_metadata.AdditionalFiles.FlowClassName";
    public const string RootNamespaceProperty = "build_property.RootNamespace";
    public const string ProjectDirProperty = "build_property.ProjectDir";
    public const string FallbackNamespace = "Flows";

    public static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
