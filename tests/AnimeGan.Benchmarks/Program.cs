using AnimeGan.Core.Inference;
using AnimeGan.Benchmarks;

var mode = args.Length > 0 ? args[0] : "help";
switch (mode)
{
    case "sizes":
        WorkingSizeTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
        return 0;
    case "e2e":
        EndToEndTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
        return 0;
    case "batch":
        BatchTable.Run();
        return 0;
    case "batch-ceiling":
        BatchCeilingTable.Run(args.Length > 1 ? int.Parse(args[1]) : 5);
        return 0;
    case "op-profile":
        OperatorProfileTable.Run(args.Length > 1 ? args[1] : "hayao", args.Length > 2 ? int.Parse(args[2]) : 3);
        return 0;
    case "fp16":
        Float16Table.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
        return 0;
    case "memory":
        MemoryTable.Run();
        return 0;
    case "memory-one":
        MemoryTable.RunOne(args[1], args.Length > 2 ? args[2] : null, args.Length > 3 ? args[3] : null);
        return 0;
    case "arena":
        MemoryTable.RunArena(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? args[2] : "hayao");
        return 0;
    case "stages":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<HotStageBenchmarks>(args: args[1..]);
        return 0;
    case "optimize":
        OptimizerTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
        return 0;
    case "optimize-one":
        OptimizerTable.RunOnce(args[1], args[2], args.Contains("shipped"), memoryArena: args.Contains("no-arena") ? MemoryArena.Off : MemoryArena.Kept);
        return 0;
    case "calibration":
        CalibrationTable.Run(args.Length > 1 ? args[1..] : new[] { "hayao", "jp-face", "hayao-v2" });
        return 0;
    case "profile-file":
        OperatorProfileTable.RunFiles(args[1..]);
        return 0;
    case "graph":
        foreach (var node in AnimeGan.Core.Onnx.OnnxModelFile.Read(args[1]).Graph.Node)
            Console.WriteLine($"{node.Domain}{(node.Domain.Length > 0 ? "." : "")}{node.OpType} {string.Join(",", node.Input)} -> {string.Join(",", node.Output)} {string.Join(" ", System.Linq.Enumerable.Select(node.Attribute, a => a.Name + "=" + (a.Ints.Count > 0 ? string.Join("/", a.Ints) : a.S.Length > 0 ? a.S.ToStringUtf8() : a.F != 0 ? a.F.ToString() : a.I.ToString())))}");
        return 0;
    case "ops":
        foreach (var file in System.IO.Directory.GetFiles(AnimeGan.Tests.TestFiles.ModelsFolder, "*.onnx"))
        {
            var m = AnimeGan.Core.Onnx.OnnxModelFile.Read(file);
            Console.WriteLine($"{System.IO.Path.GetFileName(file)} opset {string.Join(",", System.Linq.Enumerable.Select(m.OpsetImport, o => o.Domain + ":" + o.Version))}: {string.Join(" ", System.Linq.Enumerable.Distinct(System.Linq.Enumerable.Select(m.Graph.Node, n => n.OpType)))}");
        }

        return 0;
    case "video":
        VideoTable.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
        return 0;
    case "video-flicker":
        VideoTable.RunFlicker(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
        return 0;
    case "replicas":
        ReplicaTable.Run(args.Length > 1 ? int.Parse(args[1]) : 2);
        return 0;
    case "web":
        WebUploadTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
        return 0;
    case "child-peak":
        return WebUploadTable.ChildPeak(args[1], args[2..]);
    case "portraits":
        PortraitTable.Run(args.Skip(1).Where(a => !a.StartsWith("--into=", StringComparison.Ordinal)).ToArray(), args.FirstOrDefault(a => a.StartsWith("--into=", StringComparison.Ordinal))?.Substring(7));
        return 0;
    case "portraits-grid":
        PortraitTable.Grid(args[1], args[2..], rows: 8);
        return 0;
    case "precision":
        PrecisionTable.Run(args.Length > 1 ? int.Parse(args[1]) : 3);
        return 0;
    case "faces":
        FaceDetectionTable.Run(args.Length > 1 ? args[1] : null);
        return 0;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/AnimeGan.Benchmarks -- e2e|batch|batch-ceiling|memory|sizes|faces|portraits|precision|fp16|optimize|op-profile|video|replicas|web|stages");
        return mode == "help" ? 0 : 2;
}
