using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Flow.Deployment;

/// <summary>
/// Assemblies every flow shares with the host without configuration: Flow.Runtime, the
/// assemblies it depends on (transitively, as the host loads them) and the
/// Microsoft.Extensions.*.Abstractions contracts (ILogger&lt;T&gt;, IOptions&lt;T&gt;'s
/// neighbours, IServiceProvider, …). A private copy of one of them in a deployment folder would
/// make another type of the same name, so a flow constructor asking for ILogger&lt;T&gt; could not
/// be served from the host's container. The build task never copies them
/// (Flow.Build.Tasks' HostProvided); this covers folders that still carry them.
/// </summary>
internal static class HostContracts
{
    private const string ExtensionsPrefix = "Microsoft.Extensions.";
    private const string AbstractionsSuffix = ".Abstractions";

    private static readonly Lazy<HashSet<string>> RuntimeClosure = new(ReadRuntimeClosure);

    /// <summary>True when the host provides the assembly of this simple name to every flow.</summary>
    public static bool IsShared(string name) =>
        IsExtensionsContract(name) || RuntimeClosure.Value.Contains(name);

    /// <summary>Microsoft.Extensions.&lt;something&gt;.Abstractions.</summary>
    public static bool IsExtensionsContract(string name) =>
        name.Length > ExtensionsPrefix.Length + AbstractionsSuffix.Length
        && name.StartsWith(ExtensionsPrefix, StringComparison.OrdinalIgnoreCase)
        && name.EndsWith(AbstractionsSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Flow.Runtime and what it references, transitively, leaving out the framework
    /// (always resolved by the default context anyway). Loading them into the default context is
    /// what would happen at their first use.</summary>
    internal static HashSet<string> ReadRuntimeClosure()
    {
        var runtime = typeof(HostContracts).Assembly;
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var closure = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { runtime.GetName().Name! };
        var pending = new Stack<Assembly>();
        pending.Push(runtime);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Pop().GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || closure.Contains(name) || IsFramework(name))
                {
                    continue;
                }

                Assembly loaded;
                try
                {
                    loaded = AssemblyLoadContext.Default.LoadFromAssemblyName(reference);
                }
                catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    continue;   // never used at run time, so nothing to unify
                }

                if (framework is { Length: > 0 } && string.Equals(Path.GetDirectoryName(loaded.Location), framework, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                closure.Add(name);
                pending.Push(loaded);
            }
        }

        return closure;
    }

    private static bool IsFramework(string name) =>
        name is "mscorlib" or "netstandard" or "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
