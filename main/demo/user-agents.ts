/** User agents as they appear in real CloudTrail records, by client. */

/** AWS CLI v2 on a CI runner; `command` is the CLI's own "service.operation" suffix. */
export function cliOnCiRunner(command: string): string {
  return `aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-azure exe/x86_64.ubuntu.22 prompt/off command/${command}`;
}

/** AWS CLI v2 on a developer's Mac. */
export function cliOnMac(command: string, version = '2.15.17'): string {
  return `aws-cli/${version} Python/3.11.6 Darwin/23.3.0 exe/x86_64 prompt/off command/${command}`;
}

/** AWS CLI v2 on a developer's Linux laptop. */
export function cliOnLinux(command: string): string {
  return `aws-cli/2.13.25 Python/3.11.5 Linux/6.5.0-21-generic exe/x86_64.ubuntu.22 prompt/off command/${command}`;
}

/** The intruder's CLI: an old v2 build on Kali. */
export function cliOnKali(command: string): string {
  return `aws-cli/2.9.19 Python/3.9.11 Linux/6.3.0-kali1-amd64 exe/x86_64.kali.2023 prompt/off command/${command}`;
}

export const BOTO3_ON_EC2 =
  'Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux#6.1.72-96.166.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.34';

export const BOTO3_PACU =
  'Boto3/1.26.137 md/Botocore#1.29.137 ua/2.0 os/linux#6.3.0-kali1-amd64 md/arch#x86_64 lang/python#3.11.4 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.29.137';

/** AWS SDK for JavaScript v3 inside Lambda; `api` is e.g. "s3#3.496.0". */
export function nodeSdkInLambda(api: string): string {
  return `aws-sdk-js/3.496.0 ua/2.0 os/linux#5.10.209-218.812.amzn2.x86_64 lang/js md/nodejs#20.11.0 api/${api} exec-env/AWS_Lambda_nodejs20.x`;
}

export const SSM_AGENT = 'aws-sdk-go/1.44.302 (go1.21.6; linux; amd64) amazon-ssm-agent/3.2.2303.0';

export const LAMBDA_LOG_WORKER = 'awslambda-worker/1.0 rusoto/0.48.0 rust/1.74.0 linux';

export const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.3 (+https://www.terraform.io) terraform-provider-aws/5.36.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.1 os/linux lang/go#1.20.12 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.146.0';

export const MONITORING_VENDOR =
  'aws-sdk-go-v2/1.24.1 os/linux lang/go#1.21.6 md/GOOS#linux md/GOARCH#amd64 api/cloudwatch#1.32.2 datadog-aws-integration/2.0';

export const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

export const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0';

export const EDGE_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66';

export const S3_CONSOLE =
  'S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.648 Linux/5.10.210-178.855.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402 vendor/Oracle_Corporation cfg/retry-mode/standard';

/** What the console's own backends write as the user agent of calls a console user makes. */
export function consoleUserAgent(eventSource: string): string {
  switch (eventSource) {
    case 'ec2.amazonaws.com':
      return 'console.ec2.amazonaws.com';
    case 's3.amazonaws.com':
      return S3_CONSOLE;
    case 'iam.amazonaws.com':
    case 'cloudtrail.amazonaws.com':
      return 'AWS Internal';
    default:
      return 'console.amazonaws.com';
  }
}
