# Dot-sourced by every test file's BeforeAll: the built module, the test models and photos, and helpers.
$script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$script:ModuleManifest = Join-Path $Repo 'artifacts' 'module' 'AnimeGan' 'AnimeGan.psd1'
$script:Shared = if ($env:ANIMEGAN_SHARED) { $env:ANIMEGAN_SHARED } else { (Resolve-Path (Join-Path $Repo '..' 'shared')).Path }
$script:SharedModels = Join-Path $Shared 'models'
$script:Photo = Join-Path $Shared 'images' 'scenes' 'v3_8.jpg'
$script:Street = Join-Path $Shared 'images' 'scenes' 'v3_3.jpg'
Import-Module $ModuleManifest -Force
$script:Models = if ($env:ANIMEGAN_MODELS) { $env:ANIMEGAN_MODELS } else { Join-Path ([IO.Path]::GetTempPath()) 'animegan-test-models' }
Install-AnimeModel -All -SourcePath $SharedModels -ModelsPath $Models -SkipInt8 | Out-Null  # the float graphs' pictures, as the tests expect

function New-TestFolder {
    $path = Join-Path ([IO.Path]::GetTempPath()) ('animegan-pester-' + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

# How many conversions the module's engines are running now, read from inside the module: a cmdlet that has
# returned leaves none behind.
function Get-RunningConversions {
    $cache = [AnimeGan.PowerShell.AnimeStyleInfo].Assembly.GetType('AnimeGan.PowerShell.EngineCache')
    $cache.GetProperty('Running', [Reflection.BindingFlags]'NonPublic,Static').GetValue($null)
}

function Get-HiddenFiles([string] $Folder) {
    @(Get-ChildItem -LiteralPath $Folder -Recurse -Force -File | Where-Object Name -Like '.*')
}
