using AnimeGan.Core.Batches;
using AnimeGan.Core.Imaging;
using AnimeGan.Core.Models;
using AnimeGan.Core.Options;

namespace AnimeGan.PowerShell.Binding.Tests.ConvertToAnimeCommandTests
{
    /// <summary>
    /// What Convert-ToAnime hands the engine for given parameters and pipeline input. The tests set the models
    /// folder variable of the process, so they run one at a time, as xunit does within a collection.
    /// </summary>
    [Collection(nameof(TheParameterMapping))]
    public sealed class TheParameterMapping : IDisposable
    {
        private readonly CmdletRunspace _runspace = new CmdletRunspace();
        private readonly TemporaryDirectory _folder = new TemporaryDirectory();

        public TheParameterMapping()
        {
            // The cmdlet plans against a models folder, where a style's file must be present (the plan does not
            // hash it; no model runs here): every model's file name, empty.
            Directory.CreateDirectory(Models);
            foreach (var model in ModelManifest.Default.Models)
                File.WriteAllText(Path.Combine(Models, model.FileName), "");
            Environment.SetEnvironmentVariable(ModelStore.FolderVariable, Models);
            foreach (var name in new[] { "a.jpg", "b.png", "[x].jpg" })
                File.WriteAllText(_folder.File(name), "");
        }

        private string Models => _folder.File("models");

        public void Dispose()
        {
            _runspace.Dispose();
            _folder.Dispose();
        }

        [Fact]
        public void ShouldMapEveryParameterToTheBatchOptions()
        {
            var (_, errors) = _runspace.Run(
                $"Set-Location '{_folder.Path}'; Convert-ToAnime a.jpg -Style shinkai -Strength 0.4 -NoFaceEnhancement -FaceStyle jp-face -KeepColors " +
                $"-Destination out -Suffix _art -Format webp -Quality 80 -MaxSize 512 -Force -ThrottleLimit 3 -ModelsPath '{Models}'");

            Assert.Empty(errors);
            var request = Assert.Single(_runspace.Requests);
            Assert.Equal(Models, request.ModelsFolder);
            Assert.Equal(new StylizeOptions { Style = "shinkai", Strength = 0.4, MaxSize = 512, Faces = false, FaceStyle = "jp-face", KeepColors = true }, request.Options.Stylize);
            Assert.Equal(new OutputOptions { Format = RasterFormat.WebP, Quality = 80, Overwrite = true }, request.Options.Output);
            Assert.Equal(_folder.File("out"), request.Options.Destination);
            Assert.Equal("_art", request.Options.Suffix);
            Assert.Equal(3, request.Options.Jobs);
            Assert.Equal(new PlannedConversion(_folder.File("a.jpg"), _folder.File("out/a_art.webp")), Assert.Single(request.Conversions));
        }

        [Fact]
        public void ShouldPlanEveryPipedFileOnceInOneBatch()
        {
            var (_, errors) = _runspace.Run($"Get-ChildItem '{_folder.Path}' -File | Convert-ToAnime");

            Assert.Empty(errors);
            var request = Assert.Single(_runspace.Requests);
            Assert.Equal(new[] { "[x]_anime.jpg", "a_anime.jpg", "b_anime.png" }, request.Conversions.Select(c => Path.GetFileName(c.OutputPath)).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void ShouldTakeALiteralPathWithBrackets()
        {
            var (_, errors) = _runspace.Run($"Convert-ToAnime -LiteralPath '{_folder.File("[x].jpg")}'");

            Assert.Empty(errors);
            Assert.Equal(_folder.File("[x]_anime.jpg"), Assert.Single(Assert.Single(_runspace.Requests).Conversions).OutputPath);
        }

        [Fact]
        public void ShouldRunNothingWithWhatIf()
        {
            var (_, errors) = _runspace.Run($"Convert-ToAnime '{_folder.Path}/*.jpg' -WhatIf");

            Assert.Empty(errors);
            Assert.Empty(_runspace.Requests);
        }

        [Fact]
        public void ShouldReportASecondPhotoForTheSameOutputAndPlanTheRest()
        {
            var (_, errors) = _runspace.Run($"Convert-ToAnime '{_folder.File("a.jpg")}', '{_folder.File("b.png")}' -Format jpg -Suffix '' -Destination '{_folder.File("o")}'; Convert-ToAnime '{_folder.File("a.jpg")}','{_folder.File("a.jpg")}'");

            Assert.Empty(errors);
            Assert.Equal(2, _runspace.Requests[0].Conversions.Count);
            Assert.Single(_runspace.Requests[1].Conversions);
        }

        [Fact]
        public void ShouldLeaveUnsetParametersAtTheEnginesDefaults()
        {
            _runspace.Run($"Convert-ToAnime '{_folder.File("a.jpg")}'");

            var options = Assert.Single(_runspace.Requests).Options;
            Assert.Null(options.Stylize!.Style);
            Assert.Null(options.Stylize.Faces);
            Assert.Null(options.Stylize.KeepColors);
            Assert.Null(options.Output!.Format);
            Assert.False(options.Output.Overwrite);
            Assert.Null(options.Destination);
        }
    }
}
