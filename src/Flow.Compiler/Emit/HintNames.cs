using System.Text;
using Flow.Compiler.Planning;

namespace Flow.Compiler.Emit;

public static class HintNames
{
    /// <summary>
    /// A hint name unique in the project: the class's full name, then the file's project-relative
    /// path (two files may define the same class, an error reported elsewhere, and a repeated hint
    /// name would crash the generator).
    /// </summary>
    public static string For(ProcessClassPlan plan, string relativePath)
    {
        var builder = new StringBuilder(plan.FullName).Append('.');
        foreach (var c in relativePath.TrimStart('/', '\\'))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.Append(".g.cs").ToString();
    }
}
