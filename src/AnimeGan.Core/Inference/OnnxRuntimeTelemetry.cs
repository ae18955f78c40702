using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace AnimeGan.Core.Inference
{
    /// <summary>
    /// ONNX Runtime's official packages record telemetry unless told not to: on Linux and macOS a persistent
    /// device id, an event queue under ~/.cache/Microsoft/DeveloperTools/.onnxruntime and a session file in the
    /// temporary folder, uploaded when online; on Windows ETW events for any trace session that listens. A tool
    /// that runs on people's own photos reports nothing, so this turns it off for every front end, in the one
    /// place every session is made from. ONNX Runtime's docs/Privacy.md names the two switches: the
    /// <c>ORT_DISABLE_TELEMETRY=1</c> variable, which must be in the process's native environment before the
    /// runtime initializes (so it is set when this assembly loads, before any of its code can reach the runtime),
    /// and the API's <c>DisableTelemetryEvents</c>, for the events that are left (Windows).
    /// </summary>
    internal static class OnnxRuntimeTelemetry
    {
        /// <summary>ONNX Runtime's own switch (docs/Privacy.md, "Disabling Telemetry").</summary>
        internal const string SwitchVariable = "ORT_DISABLE_TELEMETRY";

        private static readonly Lazy<bool> EventsDisabled = new Lazy<bool>(() =>
        {
            OrtEnv.Instance().DisableTelemetryEvents();
            return true;
        });

#pragma warning disable CA2255 // The switch must be set before any code of this library can start ONNX Runtime; a library's module initializer is the only place that runs that early for every host (CLI, server, PowerShell, Paint.NET).
        [ModuleInitializer]
#pragma warning restore CA2255
        internal static void SetSwitchBeforeTheRuntimeStarts()
        {
            // .NET keeps its own copy of the environment on Unix: Environment.SetEnvironmentVariable does not reach
            // the C library's getenv, which is what the runtime reads. Windows has one environment block.
            Environment.SetEnvironmentVariable(SwitchVariable, "1");
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                try
                {
                    _ = SetNativeVariable(NullTerminated(SwitchVariable), NullTerminated("1"), 1);
                }
                catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
                {
                    // No C library by that name: nothing that could read it either.
                }
            }
        }

        /// <summary>Turns off the events the variable leaves (on Windows, ETW); once per process, before the first session.</summary>
        public static void DisableEvents() => _ = EventsDisabled.Value;

        private static byte[] NullTerminated(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

        /// <summary>The C library's <c>setenv(name, value, overwrite)</c>, with names and values as C strings.</summary>
        [DllImport("libc", EntryPoint = "setenv")]
        private static extern int SetNativeVariable(byte[] name, byte[] value, int overwrite);
    }
}
