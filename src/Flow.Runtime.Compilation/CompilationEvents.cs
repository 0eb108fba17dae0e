using System;
using System.Collections.Generic;

namespace Flow.Compilation;

/// <summary>
/// A diagram's text compiled and deployed: <see cref="Version"/> is the deployment version now
/// serving it (when <see cref="Unchanged"/>, the text was identical to the live version's and
/// nothing new was compiled or activated). <see cref="Duration"/> runs from submission to serving.
/// </summary>
public sealed record CompilationCompleted(string Key, string DeploymentName, int Version, TimeSpan Duration, bool Unchanged, IReadOnlyList<ContentDiagnostic> Warnings);

/// <summary>
/// A diagram's text was refused: every FLOW and C# diagnostic at its line and column in the text
/// (<see cref="Diagnostics"/>), or the deployment's error (a FLOW6xxx <see cref="Error"/>, e.g. a
/// missing handler binding). Whatever was live stays live.
/// </summary>
public sealed record CompilationFailed(string Key, string DeploymentName, TimeSpan Duration, IReadOnlyList<ContentDiagnostic> Diagnostics, Exception Error);
