// The light build of Bottleneck (the one Octokit's throttling plugin uses) has the full build's types.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
