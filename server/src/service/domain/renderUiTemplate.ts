/** Facts about SageMaker's RenderUiTemplate request, shared by the emulator and the AWS renderer. */
import { MAX_TEMPLATE_LENGTH } from './limits';

/** The most characters `UiTemplate.Content` and `Task.Input` may have. */
export const MAX_CONTENT = MAX_TEMPLATE_LENGTH;
/** The fewest characters `Task.Input` may have. */
export const MIN_TASK_INPUT = 2;
/** The service's patterns, as its validation messages quote them. */
export const ROLE_ARN_PATTERN = 'arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+';
export const HUMAN_TASK_UI_ARN_PATTERN = 'arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:human-task-ui/.*';
